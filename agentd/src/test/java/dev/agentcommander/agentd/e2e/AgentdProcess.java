package dev.agentcommander.agentd.e2e;

import dev.agentcommander.agentd.app.AgentdMain;
import dev.agentcommander.agentd.testing.TmuxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code agentd run --config FILE} in its own JVM (the test classpath), logging to a file. */
final class AgentdProcess implements AutoCloseable {
    private final Process process;

    private AgentdProcess(Process process) {
        this.process = process;
    }

    /**
     * Writes {@code <dir>/config.yaml} (and {@code <dir>/host.token}) for an agentd of {@code host} on {@code tmux}
     * with its state in {@code stateDir}, polling every 200 ms; returns the config file.
     */
    static Path writeConfig(Path dir, ControlPlaneFixture cp, ControlPlaneFixture.Host host, TmuxServer tmux,
                            Path stateDir) throws IOException {
        Path tokenFile = Files.writeString(dir.resolve("host.token"), host.token() + "\n");
        return Files.writeString(dir.resolve("config.yaml"), """
                control_plane: { urls: ["%s"], token_file: %s }
                tmux: { socket: "%s", poll_interval_ms: 200 }
                storage: { state_dir: %s }
                """.formatted(cp.agentUrl(), tokenFile, tmux.socket(), stateDir));
    }

    static AgentdProcess start(Path config, Path log) throws IOException {
        return start(config, log, List.of());
    }

    /** {@code wrapper}: a command that ends by exec'ing its arguments (e.g. {@code unshare -m ...}), or empty. */
    static AgentdProcess start(Path config, Path log, List<String> wrapper) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(wrapper);
        command.addAll(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), AgentdMain.class.getName(), "run", "--config",
                config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("TMUX");
        return new AgentdProcess(builder.start());
    }

    /** SIGKILL: no shutdown hook, no flush, like a crash or the OOM killer. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns the exit code, or -1 if it did not stop within 15 s. */
    int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor(15, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
