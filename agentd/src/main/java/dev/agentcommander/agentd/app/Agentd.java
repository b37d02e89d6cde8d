package dev.agentcommander.agentd.app;

import dev.agentcommander.agentd.channel.AgentIdentity;
import dev.agentcommander.agentd.channel.AgentLink;
import dev.agentcommander.agentd.channel.DecisionHandler;
import dev.agentcommander.agentd.channel.LinkState;
import dev.agentcommander.agentd.channel.Outbox;
import dev.agentcommander.agentd.channel.OutboxException;
import dev.agentcommander.agentd.channel.StateDir;
import dev.agentcommander.agentd.command.Commands;
import dev.agentcommander.agentd.console.ConsoleStreams;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.command.ReceivedCommands;
import dev.agentcommander.agentd.discovery.HookSignals;
import dev.agentcommander.agentd.discovery.SessionDiscovery;
import dev.agentcommander.agentd.hooks.ClaudeHooks;
import dev.agentcommander.agentd.hooks.HookEndpoint;
import dev.agentcommander.agentd.jobs.CodexJobs;
import dev.agentcommander.agentd.workspace.GitMetadata;
import dev.agentcommander.agentd.workspace.Workspaces;
import dev.agentcommander.agentd.workspace.WorktreeSessions;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import dev.agentcommander.schema.WireCodec;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agentd: session discovery, the control plane link, commands, live consoles, Claude Code hooks and Codex
 * jobs, each on its own
 * background threads.
 * Used by {@code agentd run} and embedded by the desktop app. Thread-safe.
 */
public final class Agentd implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agentd.class);

    private final StateDir stateDir;
    private final TmuxRunner tmux;
    private final SessionDiscovery discovery;
    private final AgentLink link;
    private final Commands commands;
    private final ConsoleStreams consoles;
    private final ClaudeHooks hooks;
    private final CodexJobs jobs;
    private final GitMetadata git;
    private volatile boolean closed;

    private Agentd(StateDir stateDir, TmuxRunner tmux, SessionDiscovery discovery, AgentLink link, Commands commands,
                   ConsoleStreams consoles, ClaudeHooks hooks, CodexJobs jobs, GitMetadata git) {
        this.hooks = hooks;
        this.jobs = jobs;
        this.git = git;
        this.stateDir = stateDir;
        this.tmux = tmux;
        this.discovery = discovery;
        this.link = link;
        this.commands = commands;
        this.consoles = consoles;
    }

    /**
     * Opens the state dir (creating it if needed) and starts discovery and the link in the background.
     *
     * @throws dev.agentcommander.agentd.channel.OutboxException if the state dir is unusable (not writable, in use
     *         by another agentd, corrupt), with a message that says what to do
     */
    public static Agentd start(AgentConfig config) {
        WireCodec codec = new WireCodec();
        StateDir stateDir = StateDir.open(config.storage().stateDir());
        try {
            Outbox outbox = Outbox.open(stateDir, codec);
            TmuxRunner tmux = new TmuxRunner(config.tmux());
            HookSignals hookSignals = new HookSignals();
            SessionDiscovery discovery = new SessionDiscovery(tmux, outbox, stateDir.path(), codec,
                    Duration.ofMillis(config.tmux().pollIntervalMs()), Clock.systemUTC(), hookSignals);
            GitMetadata git = new GitMetadata(Duration.ofMillis(config.git().metadataTtlMs()), Clock.systemUTC(),
                    discovery::requestPoll);
            discovery.useGit(git);
            ClaudeHooks hooks = startHooks(config, stateDir, tmux, discovery, hookSignals, outbox, codec);
            String version = AgentdVersion.current();
            // The link takes the command handler, and the consoles send on the link: bound once it exists.
            AtomicReference<AgentLink> liveLink = new AtomicReference<>();
            ConsoleStreams consoles = new ConsoleStreams(tmux, stateDir.path().resolve("console"), message -> {
                AgentLink current = liveLink.get();
                return current != null && current.sendLive(message);
            });
            consoles.cleanUpStale();
            Workspaces workspaces = new Workspaces(config.workspaces(), stateDir.path());
            CodexJobs jobs = new CodexJobs(config.providers().codex(), workspaces, stateDir.path(), outbox,
                    codec.mapper(), Clock.systemUTC());
            jobs.reportOrphans();
            WorktreeSessions worktrees = new WorktreeSessions(tmux, discovery, workspaces, config.providers(),
                    codec.mapper());
            Commands commands = new Commands(tmux, discovery, consoles, jobs, worktrees, outbox, codec,
                    receivedCommands(stateDir));
            DecisionHandler decisions = hooks != null ? hooks : decision ->
                    LOG.warn("ignoring decision on approval {}: the hook receiver is not running", decision.approvalId());
            AgentLink link = new AgentLink(config.controlPlane(), outbox, codec,
                    AgentIdentity.of(version, config.workspaces().allowedRoots()), commands, decisions);
            liveLink.set(link);
            // Console subscriptions belong to a connection: the control plane asks again after reconnecting.
            link.addStateListener(state -> {
                if (state == LinkState.DISCONNECTED) {
                    consoles.closeAll();
                }
            });
            Agentd agentd = new Agentd(stateDir, tmux, discovery, link, commands, consoles, hooks, jobs, git);
            link.start();
            discovery.start();
            LOG.info("agentd {} started: tmux {}, state dir {}, control plane {}", version,
                    config.tmux().defaultServer() ? "default server" : config.tmux().socket(), stateDir.path(),
                    config.controlPlane().urls());
            return agentd;
        } catch (RuntimeException e) {
            try {
                stateDir.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static ReceivedCommands receivedCommands(StateDir stateDir) {
        try {
            return ReceivedCommands.open(stateDir.path());
        } catch (java.io.IOException e) {
            throw new OutboxException("cannot read " + stateDir.path().resolve("commands-received")
                    + " (check that the state dir is readable and writable by agentd): " + e.getMessage(), e);
        }
    }

    /**
     * Without the hook receiver agentd still does everything else; Claude Code then shows the failing hooks in its
     * panes, and the log says why.
     */
    private static ClaudeHooks startHooks(AgentConfig config, StateDir stateDir, TmuxRunner tmux,
                                          SessionDiscovery discovery, HookSignals signals, Outbox outbox,
                                          WireCodec codec) {
        try {
            return ClaudeHooks.start(config, stateDir.path(), tmux, discovery, signals, outbox, codec.mapper());
        } catch (IOException e) {
            LOG.error("cannot start the Claude Code hook receiver ({}); running without hooks and approvals: {}",
                    config.hooks().listen(), e.getMessage());
            return null;
        }
    }

    /** The hook receiver's address and secret ({@code hooks.json}), if it runs. */
    public Optional<HookEndpoint> hookEndpoint() {
        return Optional.ofNullable(hooks).map(ClaudeHooks::endpoint);
    }

    public LinkState linkState() {
        return link.state();
    }

    /** Called on a daemon thread with every link state change, in order. */
    public void addLinkListener(Consumer<LinkState> listener) {
        link.addStateListener(listener);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (hooks != null) {
            hooks.close(); // first: withdrawn approvals still go into the outbox
        }
        jobs.close(); // stopped jobs are reported as errors, also into the outbox
        link.close();
        commands.close();
        consoles.close();
        discovery.close();
        git.close();
        tmux.close();
        stateDir.close();
        LOG.info("agentd stopped");
    }
}
