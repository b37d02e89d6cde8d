package dev.agentcommander.agentd.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.channel.DecisionHandler;
import dev.agentcommander.agentd.channel.DurableQueue;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.config.HooksConfig;
import dev.agentcommander.agentd.discovery.HookSignals;
import dev.agentcommander.agentd.discovery.PaneDirectory;
import dev.agentcommander.agentd.discovery.SessionDiscovery;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import dev.agentcommander.schema.agent.ApprovalDecision;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claude Code hooks and approvals, wired: the HTTP receiver on the address kept in {@code hooks.json}, the Unix
 * socket of {@code agentd hook}, the pending
 * approvals (also the link's {@link DecisionHandler}) and what happens when they settle. Thread-safe.
 */
public final class ClaudeHooks implements DecisionHandler, AutoCloseable {
    public static final String SOCKET_FILE = "hook.sock";
    private static final Logger LOG = LoggerFactory.getLogger(ClaudeHooks.class);

    private final PendingApprovals approvals;
    private final HookServer server;
    private final HookEndpoint endpoint;
    private final HookSocket socket;

    private ClaudeHooks(PendingApprovals approvals, HookServer server, HookEndpoint endpoint, HookSocket socket) {
        this.approvals = approvals;
        this.server = server;
        this.endpoint = endpoint;
        this.socket = socket;
    }

    /** The Unix socket of {@code agentd hook}: {@code hooks.socket}, or {@code <state_dir>/hook.sock} when empty. */
    public static Path socketPath(Path stateDir, HooksConfig hooks) {
        return hooks.socket().isEmpty() ? stateDir.resolve(SOCKET_FILE) : Path.of(hooks.socket());
    }

    /**
     * Starts the receiver. When the kept port is taken by another program (only possible with
     * {@code hooks.listen} port 0), a new one is picked and stored: installed hooks then need
     * {@code agentd install-hooks} again, which the log says.
     */
    public static ClaudeHooks start(AgentConfig config, Path stateDir, TmuxRunner tmux, SessionDiscovery discovery,
                                    HookSignals signals, DurableQueue queue, ObjectMapper json) throws IOException {
        Clock clock = Clock.systemUTC();
        ApprovalMode mode = ApprovalMode.of(config.providers().claude().approvalMode());
        ApprovalMarkers markers = new ApprovalMarkers(stateDir);
        PendingApprovals approvals = new PendingApprovals(
                Duration.ofSeconds(config.hooks().permissionTimeoutS()), clock, markers);
        ApprovalOutcomes outcomes = new ApprovalOutcomes(queue, signals, discovery, new ApprovalKeys(tmux), approvals,
                mode, json, clock);
        approvals.onOpened(outcomes::opened);
        approvals.onSettled(outcomes::settled);
        outcomes.withdrawLeftovers(markers.leftovers()).forEach((approvalId, queued) -> {
            if (queued) {
                markers.settled(approvalId);
            }
        });
        HookReceiver receiver = new HookReceiver(queue, new PaneDirectory(tmux), discovery, signals, approvals,
                outcomes, mode, json, clock);
        HookEndpoint endpoint = HookEndpoint.loadOrCreate(stateDir, config.hooks(), json);
        HookServer server;
        try {
            server = HookServer.start(endpoint.host(), endpoint.port(), endpoint.secret(), receiver, json);
        } catch (BindException e) {
            if (config.hooks().listenPort() != 0) {
                approvals.close();
                throw new IOException("hooks.listen " + config.hooks().listen() + " is in use: " + e.getMessage(), e);
            }
            server = HookServer.start(endpoint.host(), 0, endpoint.secret(), receiver, json);
            LOG.warn("hook port {} is taken by another program; now on port {}: run `agentd install-hooks` again",
                    endpoint.port(), server.port());
            endpoint = endpoint.withPort(server.port());
            endpoint.save(stateDir, json);
        }
        HookSocket socket = null;
        Path socketPath = socketPath(stateDir, config.hooks());
        try {
            socket = HookSocket.start(socketPath, receiver, json);
        } catch (IOException e) {
            // HTTP hooks still work; `agentd hook` answers nothing, so Claude Code's dialogs stay for the person
            LOG.error("{}; `agentd hook` cannot reach this agentd (check hooks.socket)", e.getMessage());
        }
        LOG.info("Claude Code hooks: {}/hooks/<event> and {}, approval_mode {}", endpoint.url(), socketPath,
                mode.name().toLowerCase(java.util.Locale.ROOT));
        return new ClaudeHooks(approvals, server, endpoint, socket);
    }

    public HookEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void decide(ApprovalDecision decision) {
        approvals.decide(decision);
    }

    /** Stops taking hooks, then withdraws the approvals still waiting (their dialogs stay for the person). */
    @Override
    public void close() {
        approvals.close();
        server.close();
        if (socket != null) {
            socket.close();
        }
    }
}
