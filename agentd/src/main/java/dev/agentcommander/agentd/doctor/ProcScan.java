package dev.agentcommander.agentd.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code /proc} tells about tmux and {@code /tmp}: the tmux server processes ({@code comm} is
 * {@code tmux: server}) and whether this process's {@code /tmp} is a systemd private mount. Processes that vanish
 * or cannot be read while scanning are passed over. Stateless.
 */
final class ProcScan {
    static final String TMUX_SERVER_COMM = "tmux: server";

    private final Path procRoot;

    ProcScan(Path procRoot) {
        this.procRoot = procRoot;
    }

    List<TmuxServerProcess> tmuxServers() {
        List<TmuxServerProcess> servers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(procRoot, entry ->
                entry.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path process : entries) {
                readServer(process).ifPresent(servers::add);
            }
        } catch (IOException | DirectoryIteratorException e) {
            return servers; // no /proc to scan: nothing seen
        }
        return servers;
    }

    /** This process's mount namespace, e.g. {@code mnt:[4026531841]}. */
    Optional<String> ownMountNamespace() {
        return mountNamespace(procRoot.resolve("self"));
    }

    /**
     * The root of the mount on {@code /tmp} if it is a systemd {@code PrivateTmp} one
     * ({@code /systemd-private-…-agentd.service-…/tmp}), from {@code /proc/self/mountinfo}; the last mount on
     * {@code /tmp} is the one in effect.
     */
    Optional<String> privateTmpRoot() {
        List<String> lines;
        try {
            lines = Files.readAllLines(procRoot.resolve("self").resolve("mountinfo"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        String tmpRoot = null;
        for (String line : lines) {
            // id parent major:minor root mount-point options ... - fstype source super-options
            String[] fields = line.split(" ");
            if (fields.length > 4 && fields[4].equals("/tmp")) {
                tmpRoot = fields[3];
            }
        }
        return tmpRoot != null && tmpRoot.contains("systemd-private") ? Optional.of(tmpRoot) : Optional.empty();
    }

    private Optional<TmuxServerProcess> readServer(Path process) {
        try {
            String comm = Files.readString(process.resolve("comm"), StandardCharsets.UTF_8).strip();
            if (!comm.equals(TMUX_SERVER_COMM)) {
                return Optional.empty();
            }
            for (String line : Files.readAllLines(process.resolve("status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    int realUid = Integer.parseInt(line.substring(4).strip().split("\\s+")[0]);
                    return Optional.of(new TmuxServerProcess(Long.parseLong(process.getFileName().toString()),
                            realUid, mountNamespace(process)));
                }
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // gone meanwhile, or not ours to read
        }
    }

    private static Optional<String> mountNamespace(Path process) {
        try {
            return Optional.of(Files.readSymbolicLink(process.resolve("ns").resolve("mnt")).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
