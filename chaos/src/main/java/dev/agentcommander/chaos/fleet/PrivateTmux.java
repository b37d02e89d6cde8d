package dev.agentcommander.chaos.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A private tmux server ({@code tmux -L chaos-<uuid>}) with plain bash panes, killed by {@link #close()}. One per
 * agentd: panes carry agentd's session tags, so two agentds must never share a server. Owned by one thread.
 */
public final class PrivateTmux implements AutoCloseable {
    private final String name = "chaos-" + UUID.randomUUID();
    /** tmux servers are daemons: killed at JVM exit too, when the run is interrupted before {@link #close()}. */
    private final Thread killAtExit = new Thread(this::killQuietly, "tmux-kill-at-exit");

    private PrivateTmux() {
    }

    /** A server whose first window runs {@code firstCommand} (a console that keeps printing) and a second plain bash. */
    public static PrivateTmux start(Path cwd, String firstCommand) throws IOException, InterruptedException {
        PrivateTmux tmux = new PrivateTmux();
        Runtime.getRuntime().addShutdownHook(tmux.killAtExit);
        Path config = Files.createTempFile(cwd, "tmux", ".conf");
        Files.writeString(config, "set -g default-shell /bin/bash\nset -g default-command '/bin/bash --noprofile --norc'\n");
        tmux.run("-f", config.toString(), "new-session", "-d", "-s", "load", "-x", "120", "-y", "30", "-c",
                cwd.toString(), firstCommand);
        tmux.run("new-window", "-d", "-t", "load", "-c", cwd.toString());
        return tmux;
    }

    /** The socket path agentd's {@code tmux.socket} needs. */
    public String socket() {
        String tmpDir = System.getenv().getOrDefault("TMUX_TMPDIR", "/tmp");
        return Path.of(tmpDir, "tmux-" + uid(), name).toString();
    }

    /** Pane ids in window order. */
    public List<String> paneIds() throws IOException, InterruptedException {
        return List.of(run("list-panes", "-a", "-F", "#{pane_id}").strip().split("\n"));
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", name));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("TMUX");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private static String uid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return System.getProperty("user.name");
        }
    }

    private void killQuietly() {
        try {
            run("kill-server");
        } catch (IOException e) {
            System.err.println("cannot kill tmux server " + name + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Runtime.getRuntime().removeShutdownHook(killAtExit);
        run("kill-server");
    }
}
