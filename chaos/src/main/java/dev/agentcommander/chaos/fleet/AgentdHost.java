package dev.agentcommander.chaos.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.chaos.fault.PrivateTmpfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One simulated host: its own tmux server, state dir and config, and the agentd jar running as a child process
 * (SIGKILLed and restarted by scenarios). Owned by the scenario thread.
 */
public final class AgentdHost implements AutoCloseable {
    /** What the first pane runs: a console that keeps printing, so a watched console always streams. */
    static final String TICKER = "while true; do date +%T.%N; sleep 0.2; done";

    private final String name;
    private final String hostId;
    private final Jars jars;
    private final Path dir;
    private final PrivateTmux tmux;
    private final Path config;
    private PrivateTmpfs stateDisk;
    private Process process;
    private int starts;

    private AgentdHost(String name, String hostId, Jars jars, Path dir, PrivateTmux tmux, Path config) {
        this.name = name;
        this.hostId = hostId;
        this.jars = jars;
        this.dir = dir;
        this.tmux = tmux;
        this.config = config;
    }

    /** Registers the host, writes its config pointing at {@code agentUrl} (the server or a proxy in front of it). */
    public static AgentdHost create(String name, ControlPlaneApi api, Jars jars, Path dir, String agentUrl,
                                    Duration ackTimeout) throws IOException, InterruptedException {
        return create(name, api, jars, dir, agentUrl, ackTimeout, "");
    }

    /** As above, with {@code moreConfig} (whole YAML lines, e.g. a {@code hooks:} section) appended to the config. */
    public static AgentdHost create(String name, ControlPlaneApi api, Jars jars, Path dir, String agentUrl,
                                    Duration ackTimeout, String moreConfig) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        var host = api.createHost(name);
        Path tokenFile = Files.writeString(dir.resolve("host.token"), host.get(1) + "\n");
        PrivateTmux tmux = PrivateTmux.start(dir, TICKER);
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                control_plane: { urls: ["%s"], token_file: %s, ack_timeout_s: %d }
                tmux: { socket: "%s", poll_interval_ms: 500 }
                storage: { state_dir: %s }
                """.formatted(agentUrl, tokenFile, ackTimeout.toSeconds(), tmux.socket(), dir.resolve("state"))
                + moreConfig);
        return new AgentdHost(name, host.get(0), jars, dir, tmux, config);
    }

    public String name() {
        return name;
    }

    public String hostId() {
        return hostId;
    }

    public PrivateTmux tmux() {
        return tmux;
    }

    public Path dir() {
        return dir;
    }

    /** The state dir agentd writes to; its own mount namespace may hide it from this process (see {@link #stateView()}). */
    public Path stateDir() {
        return dir.resolve("state");
    }

    /** Puts the state dir on a small tmpfs only agentd sees (before {@link #start()}); closed with the host. */
    public void stateOnTmpfs(int megabytes) throws IOException, InterruptedException {
        stateDisk = PrivateTmpfs.mount(stateDir(), megabytes);
    }

    /** The tmpfs of {@link #stateOnTmpfs}, or null. */
    public PrivateTmpfs stateDisk() {
        return stateDisk;
    }

    /** Where this process reads and writes agentd's state dir. */
    public Path stateView() {
        return stateDisk != null ? stateDisk.view(stateDir()) : stateDir();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public void start() throws IOException {
        List<String> command = new ArrayList<>(stateDisk != null ? stateDisk.launcher() : List.of());
        command.addAll(List.of(Jars.java(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jars.agentd().toString(), "run", "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agentd-" + (++starts) + ".log").toFile()));
        builder.environment().remove("TMUX");
        process = builder.start();
    }

    /** SIGKILL: no shutdown hook, no flush, like a crash or the OOM killer. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    public long pid() {
        return process.pid();
    }

    /** agentd's hook receiver ({@code <state_dir>/hooks.json}), once it has written it: {@code [url, secret]}. */
    public JsonNode hookEndpoint(ObjectMapper json) throws IOException {
        return json.readTree(stateView().resolve("hooks.json").toFile());
    }

    public boolean hookEndpointWritten() {
        return Files.exists(stateView().resolve("hooks.json"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill();
            }
        }
        tmux.close();
        if (stateDisk != null) {
            stateDisk.close();
        }
    }
}
