package dev.agentcommander.agentd.testing;

import static org.assertj.core.api.Assertions.fail;

import dev.agentcommander.agentd.config.TmuxConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A private tmux server for one test ({@code tmux -L test-<uuid>}, no user config, bash panes without profile), killed by
 * {@link #close()}. Fails the test with a clear message when tmux is not installed.
 */
public final class TmuxServer implements AutoCloseable {
    private final String name = "test-" + UUID.randomUUID();
    private final Path socket;

    private TmuxServer() {
        String tmpDir = System.getenv().getOrDefault("TMUX_TMPDIR", "/tmp");
        this.socket = Path.of(tmpDir, "tmux-" + uid(), name);
    }

    /** A socket path for a server that is not started yet. */
    public static TmuxServer notStarted() {
        requireTmux();
        return new TmuxServer();
    }

    /** Starts a server with one session {@code main} (one bash pane) in {@code cwd}. */
    public static TmuxServer start(Path cwd) {
        TmuxServer server = notStarted();
        server.startNow(cwd);
        return server;
    }

    public void startNow(Path cwd) {
        try {
            // Panes run a plain bash without the user's profile: login scripts can be slow or hang (seen here).
            Path config = Files.createTempFile("tmux-test", ".conf");
            Files.writeString(config, "set -g default-shell /bin/bash\n"
                    + "set -g default-command '/bin/bash --noprofile --norc'\n");
            try {
                tmux("-f", config.toString(), "new-session", "-d", "-s", "main", "-x", "160", "-y", "40", "-c",
                        cwd.toString());
            } finally {
                Files.delete(config);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot write the tmux test config", e);
        }
    }

    public String socket() {
        return socket.toString();
    }

    public TmuxConfig config(int pollIntervalMs) {
        return new TmuxConfig("tmux", socket(), pollIntervalMs);
    }

    /** Runs a tmux command on this server; fails the test if it fails. Returns stdout without the last newline. */
    public String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", name));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("SHELL", "/bin/bash");
        env.remove("TMUX");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + output);
            }
            return output.endsWith("\n") ? output.substring(0, output.length() - 1) : output;
        } catch (IOException e) {
            throw new AssertionError("cannot run tmux", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs a tmux command that may fail (e.g. its target just closed); true if it succeeded. */
    public boolean tryTmux(String... args) {
        try {
            tmux(args);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    /**
     * Kills the server and waits until its process is gone: {@code kill-server} returns while the server is still
     * exiting, and a client that connects in that moment sees "server exited unexpectedly" instead of no server.
     */
    public void killServerAndWait() {
        long pid = Long.parseLong(tmux("display-message", "-p", "#{pid}").trim());
        tryTmux("kill-server");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    /**
     * Waits until the pane's shell has printed its prompt: keys typed before the shell set up its terminal can be
     * lost.
     */
    public void awaitPrompt(String paneId) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> !tmux("capture-pane", "-p", "-t", paneId).isBlank());
    }

    /** Pane ids of all panes, e.g. {@code [%0, %1]}. */
    public List<String> paneIds() {
        String out = tmux("list-panes", "-a", "-F", "#{pane_id}");
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    public String sessionTag(String paneId) {
        return tmux("display-message", "-p", "-t", paneId, "#{@ac_session_id}");
    }

    @Override
    public void close() {
        if (!Files.exists(socket)) {
            return;
        }
        try {
            new ProcessBuilder("tmux", "-L", name, "kill-server").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(socket); // tmux 3.3a leaves it behind
        } catch (IOException e) {
            throw new AssertionError("cannot kill tmux server " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void requireTmux() {
        try {
            Process process = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                fail("tmux -V failed: these tests need tmux 3.x on PATH");
            }
        } catch (IOException e) {
            fail("tmux is not installed or not on PATH: these tests need tmux 3.x (apt-get install tmux)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new AssertionError("cannot determine the uid for the tmux socket path", e);
        }
    }
}
