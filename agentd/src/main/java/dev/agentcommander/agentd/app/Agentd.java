package dev.agentcommander.agentd.app;

import dev.agentcommander.agentd.channel.AgentLink;
import dev.agentcommander.agentd.channel.LinkState;
import dev.agentcommander.agentd.channel.Outbox;
import dev.agentcommander.agentd.channel.StateDir;
import dev.agentcommander.agentd.command.Commands;
import dev.agentcommander.agentd.console.ConsoleStreams;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.discovery.SessionDiscovery;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import dev.agentcommander.schema.WireCodec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agentd: session discovery, the control plane link, commands and live consoles, each on its own
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
    private volatile boolean closed;

    private Agentd(StateDir stateDir, TmuxRunner tmux, SessionDiscovery discovery, AgentLink link, Commands commands,
                   ConsoleStreams consoles) {
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
            SessionDiscovery discovery = new SessionDiscovery(tmux, outbox, stateDir.path(), codec,
                    Duration.ofMillis(config.tmux().pollIntervalMs()));
            String version = AgentdVersion.current();
            // The link takes the command handler, and the consoles send on the link: bound once it exists.
            AtomicReference<AgentLink> liveLink = new AtomicReference<>();
            ConsoleStreams consoles = new ConsoleStreams(tmux, stateDir.path().resolve("console"), message -> {
                AgentLink current = liveLink.get();
                return current != null && current.sendLive(message);
            });
            consoles.cleanUpStale();
            Commands commands = new Commands(tmux, discovery, consoles, outbox, codec);
            AgentLink link = new AgentLink(config.controlPlane(), outbox, codec, version, commands);
            liveLink.set(link);
            // Console subscriptions belong to a connection: the control plane asks again after reconnecting.
            link.addStateListener(state -> {
                if (state == LinkState.DISCONNECTED) {
                    consoles.closeAll();
                }
            });
            Agentd agentd = new Agentd(stateDir, tmux, discovery, link, commands, consoles);
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
        link.close();
        commands.close();
        consoles.close();
        discovery.close();
        tmux.close();
        stateDir.close();
        LOG.info("agentd stopped");
    }
}
