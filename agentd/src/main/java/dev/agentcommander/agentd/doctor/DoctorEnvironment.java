package dev.agentcommander.agentd.doctor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the checks read from the process environment, passed in so tests can give their own: the home directory
 * (where {@code .claude/settings.json} is), the {@code PATH} directories, {@code TMUX_TMPDIR} (null = unset),
 * this process's uid, and the {@code /proc} to scan.
 */
public record DoctorEnvironment(Path home, List<Path> searchPath, String tmuxTmpDir, int uid, Path procRoot) {
    public DoctorEnvironment {
        Objects.requireNonNull(home, "home");
        searchPath = List.copyOf(searchPath);
        tmuxTmpDir = tmuxTmpDir == null || tmuxTmpDir.isEmpty() ? null : tmuxTmpDir;
        Objects.requireNonNull(procRoot, "procRoot");
    }

    /** This process's environment. The home is {@code user.home}, where {@code agentd install-hooks} writes too. */
    public static DoctorEnvironment current() {
        Map<String, String> env = System.getenv();
        return new DoctorEnvironment(Path.of(System.getProperty("user.home")), searchPath(env.get("PATH")),
                env.get("TMUX_TMPDIR"), currentUid(), Path.of("/proc"));
    }

    /** {@code PATH} split into directories; empty entries (the current directory) are left out. */
    public static List<Path> searchPath(String path) {
        if (path == null) {
            return List.of();
        }
        return Arrays.stream(path.split(File.pathSeparator)).filter(entry -> !entry.isEmpty()).map(Path::of).toList();
    }

    /** Claude Code's user settings: {@code <home>/.claude/settings.json}. */
    public Path claudeSettings() {
        return home.resolve(".claude").resolve("settings.json");
    }

    /** tmux's default server socket for this uid: {@code ${TMUX_TMPDIR:-/tmp}/tmux-<uid>/default}. */
    public Path defaultTmuxSocket() {
        return Path.of(tmuxTmpDir == null ? "/tmp" : tmuxTmpDir, "tmux-" + uid, "default");
    }

    private static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new IllegalStateException("cannot determine this process's uid from /proc/self: " + e, e);
        }
    }
}
