package dev.agentcommander.server.console;

import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.agent.SessionsSnapshot;
import dev.agentcommander.schema.command.CommandBody;
import dev.agentcommander.schema.command.ConsoleSubscribe;
import dev.agentcommander.schema.command.ConsoleUnsubscribe;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.server.api.NotFoundException;
import dev.agentcommander.server.console.ConsoleStream.Sink;
import dev.agentcommander.server.host.HostChannel;
import dev.agentcommander.server.session.Sessions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The {@code console} topic: the first UI subscriber of a session makes the control plane send agentd
 * {@code console.subscribe} with a subscription id of its own; agentd's {@code console.chunk} and
 * {@code sessions.snapshot} for it go to every UI subscriber (a snapshot as a repaint chunk, offsets counted
 * per subscriber, see {@link ConsoleStream.Sink}); the last one
 * leaving sends {@code console.unsubscribe}. Thread-safe: the maps change under the relay's monitor, each
 * stream's fan-out under the stream's.
 */
public final class ConsoleRelay {
    private final Sessions sessions;
    private final Snapshots snapshots;
    private final HostChannel channel;
    private final Map<String, ConsoleStream> bySession = new ConcurrentHashMap<>();
    private final Map<String, ConsoleStream> byAgentSubscription = new ConcurrentHashMap<>();

    public ConsoleRelay(Sessions sessions, Snapshots snapshots, HostChannel channel) {
        this.sessions = sessions;
        this.snapshots = snapshots;
        this.channel = channel;
    }

    /**
     * Starts relaying a session's console to {@code out} under {@code uiSubscriptionId}.
     *
     * @return what stops it
     * @throws NotFoundException for an unknown session
     */
    public Runnable subscribe(String sessionId, String uiSubscriptionId, Consumer<Envelope> out) {
        SessionRow session = sessions.require(sessionId);
        SessionsSnapshot stored = snapshots.find(sessionId).orElse(null);
        Sink sink = new Sink(uiSubscriptionId, out);
        ConsoleStream stream;
        boolean first;
        synchronized (this) {
            stream = bySession.get(sessionId);
            first = stream == null;
            if (first) {
                stream = new ConsoleStream(sessionId, session.hostId(), newId());
                bySession.put(sessionId, stream);
                byAgentSubscription.put(stream.agentSubscriptionId(), stream);
            }
            boolean caughtUp = stream.add(sink, stored);
            if (!first && !caughtUp) {
                renew(stream);
            }
        }
        if (first) {
            sendSubscribe(stream);
        }
        ConsoleStream subscribed = stream;
        return () -> unsubscribe(subscribed, sink);
    }

    /** A chunk from {@code hostId}'s agentd; chunks of unknown or other hosts' subscriptions are dropped. */
    public void chunk(String hostId, ConsoleChunk chunk) {
        ConsoleStream stream = byAgentSubscription.get(chunk.subscriptionId());
        if (stream != null && stream.hostId.equals(hostId) && stream.sessionId.equals(chunk.sessionId())
                && stream.chunk(chunk)) {
            // bytes were lost between agentd and us: a fresh subscription brings a snapshot that repaints all
            synchronized (this) {
                if (bySession.get(stream.sessionId) == stream
                        && stream.agentSubscriptionId().equals(chunk.subscriptionId())) {
                    renew(stream);
                }
            }
        }
    }

    /** A snapshot from {@code hostId}'s agentd (already stored); relayed when it opens one of our streams. */
    public void snapshot(String hostId, SessionsSnapshot snapshot) {
        if (snapshot.subscriptionId() == null) {
            return;
        }
        ConsoleStream stream = byAgentSubscription.get(snapshot.subscriptionId());
        if (stream != null && stream.hostId.equals(hostId) && stream.sessionId.equals(snapshot.sessionId())) {
            stream.snapshot(snapshot);
        }
    }

    /** A new agent connection knows none of our subscriptions: ask again for the host's streams. */
    public void hostConnected(String hostId) {
        for (ConsoleStream stream : List.copyOf(bySession.values())) {
            if (stream.hostId.equals(hostId)) {
                sendSubscribe(stream);
            }
        }
    }

    /** How many sessions are relayed now. */
    public int streams() {
        return bySession.size();
    }

    private void unsubscribe(ConsoleStream stream, Sink sink) {
        String agentSubscriptionId;
        synchronized (this) {
            if (!stream.remove(sink) || bySession.get(stream.sessionId) != stream) {
                return;
            }
            bySession.remove(stream.sessionId);
            agentSubscriptionId = stream.agentSubscriptionId();
            byAgentSubscription.remove(agentSubscriptionId);
        }
        send(stream, new ConsoleUnsubscribe(agentSubscriptionId));
    }

    /** Swaps the stream to a fresh agent subscription, whose opening snapshot repaints every subscriber. */
    private void renew(ConsoleStream stream) {
        String old = stream.agentSubscriptionId();
        String fresh = newId();
        byAgentSubscription.remove(old);
        stream.renew(fresh);
        byAgentSubscription.put(fresh, stream);
        send(stream, new ConsoleUnsubscribe(old));
        sendSubscribe(stream);
    }

    private void sendSubscribe(ConsoleStream stream) {
        send(stream, new ConsoleSubscribe(stream.agentSubscriptionId()));
    }

    private void send(ConsoleStream stream, CommandBody body) {
        channel.send(stream.hostId, Envelope.live(new Command(newId(), stream.sessionId, body)));
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
