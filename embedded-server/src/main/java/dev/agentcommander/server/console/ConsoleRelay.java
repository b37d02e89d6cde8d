package dev.agentcommander.server.console;

import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.agent.SessionsSnapshot;
import dev.agentcommander.schema.command.CommandBody;
import dev.agentcommander.schema.command.ConsoleSubscribe;
import dev.agentcommander.schema.command.ConsoleUnsubscribe;
import dev.agentcommander.schema.command.ConsoleWrite;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.server.api.NotFoundException;
import dev.agentcommander.server.console.ConsoleStream.Sink;
import dev.agentcommander.server.host.HostChannel;
import dev.agentcommander.server.session.Sessions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The {@code console} topic: the first UI subscriber of a session makes the control plane send agentd
 * {@code console.subscribe} with a subscription id of its own; agentd's {@code console.chunk} and
 * {@code sessions.snapshot} for it go to every UI subscriber (a snapshot as a repaint chunk, offsets counted
 * per subscriber, see {@link ConsoleStream.Sink}); the last one
 * leaving sends {@code console.unsubscribe}. A {@code gone} session's pane no longer exists: its subscribers get the
 * stored screen or an error, and agentd is not asked. In team mode a session whose agent is connected to another
 * node is reached through the {@link ConsoleBridge}: that node sends the agent our requests and us its stream, and tells us
 * when the agent connection that carried it is gone, so we ask again. Thread-safe: the maps change under the relay's monitor, each
 * stream's fan-out under the stream's.
 */
public final class ConsoleRelay {
    /** The error code a console subscription of a closed pane with no stored screen is answered with. */
    private static final String GONE = "gone";

    private final Sessions sessions;
    private final Snapshots snapshots;
    private final HostChannel channel;
    private final Map<String, ConsoleStream> bySession = new ConcurrentHashMap<>();
    private final Map<String, ConsoleStream> byAgentSubscription = new ConcurrentHashMap<>();
    /** Streams other nodes asked for from agents connected here, by agent subscription id. */
    private final Map<String, RemoteSubscriber> remoteSubscribers = new ConcurrentHashMap<>();
    /** The last online state seen per host, to notice a host coming back on another node. */
    private final Map<String, Boolean> hostOnline = new ConcurrentHashMap<>();
    /** Hosts whose node lost our streams while they were offline: asked again when they are back. */
    private final Set<String> orphanedHosts = ConcurrentHashMap.newKeySet();
    private volatile ConsoleBridge bridge = ConsoleBridge.NONE;

    private record RemoteSubscriber(String node, String hostId, String sessionId) {
    }

    public ConsoleRelay(Sessions sessions, Snapshots snapshots, HostChannel channel) {
        this.sessions = sessions;
        this.snapshots = snapshots;
        this.channel = channel;
    }

    /** Team mode: from now on, sessions of hosts connected to other nodes are reached through {@code bridge}. */
    public void bridge(ConsoleBridge bridge) {
        this.bridge = bridge;
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
        if (session.status() == SessionStatus.GONE) {
            closedPane(session, stored, sink);
            return () -> { };
        }
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

    /**
     * A pane that has closed streams nothing and agentd no longer knows it, so it is not asked: the subscriber gets
     * the stored screen as a repaint, or an {@code error} {@code gone} when none was ever captured.
     */
    private void closedPane(SessionRow session, SessionsSnapshot stored, Sink sink) {
        if (stored != null) {
            // a stream no agent feeds: it only turns the stored screen into this subscriber's repaint
            new ConsoleStream(session.sessionId(), session.hostId(), newId()).add(sink, stored);
            return;
        }
        sink.out.accept(Envelope.live(new ErrorMessage(GONE, "the pane of session " + session.sessionId()
                + " has closed, and nobody watched it, so its screen was not kept", sink.subscriptionId, null)));
    }

    /**
     * Typed bytes (base64) for a session's pane, relayed live to its agent, in the order of the calls.
     *
     * @return false when no console of the session is open here (input goes only where someone is watching)
     */
    public boolean input(String sessionId, String data) {
        ConsoleStream stream = bySession.get(sessionId);
        if (stream == null) {
            return false;
        }
        send(stream, new ConsoleWrite(stream.agentSubscriptionId(), data));
        return true;
    }

    /** A chunk from {@code hostId}'s agentd; chunks of unknown or other hosts' subscriptions are dropped. */
    public void chunk(String hostId, ConsoleChunk chunk) {
        ConsoleStream stream = byAgentSubscription.get(chunk.subscriptionId());
        if (stream == null) {
            RemoteSubscriber remote = remoteSubscriber(hostId, chunk.subscriptionId(), chunk.sessionId());
            if (remote != null) {
                bridge.forwardChunk(remote.node(), hostId, chunk);
            }
            return;
        }
        if (stream.hostId.equals(hostId) && stream.sessionId.equals(chunk.sessionId())
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
        if (stream == null) {
            RemoteSubscriber remote = remoteSubscriber(hostId, snapshot.subscriptionId(), snapshot.sessionId());
            if (remote != null) {
                bridge.forwardSnapshot(remote.node(), hostId, snapshot);
            }
            return;
        }
        if (stream.hostId.equals(hostId) && stream.sessionId.equals(snapshot.sessionId())) {
            stream.snapshot(snapshot);
        }
    }

    /**
     * Another node's request ({@code console.subscribe}/{@code console.unsubscribe}) for a host: sent to the agent if
     * it is connected here, and the stream's chunks then go back to {@code node}.
     */
    public void remoteRequest(String node, String hostId, Command command) {
        if (!channel.online(hostId)) {
            return;
        }
        if (command.body() instanceof ConsoleSubscribe subscribe) {
            remoteSubscribers.put(subscribe.subscriptionId(), new RemoteSubscriber(node, hostId, command.sessionId()));
        } else if (command.body() instanceof ConsoleUnsubscribe unsubscribe) {
            remoteSubscribers.remove(unsubscribe.subscriptionId());
        } else if (command.body() instanceof ConsoleWrite write) {
            if (remoteSubscriber(hostId, write.subscriptionId(), command.sessionId()) == null) {
                return; // typed into a stream that has ended: dropped, as on one node
            }
        } else {
            return;
        }
        channel.send(hostId, Envelope.live(command));
    }

    /**
     * The node that carried one of our streams lost its agent connection. If the host is online again
     * ({@code hostOnlineNow}) we ask at once, wherever it is now; otherwise when its row next says it is online.
     */
    public void remoteLost(String hostId, String agentSubscriptionId, boolean hostOnlineNow) {
        ConsoleStream stream = byAgentSubscription.get(agentSubscriptionId);
        if (stream == null || !stream.hostId.equals(hostId)) {
            return;
        }
        if (!hostOnlineNow) {
            orphanedHosts.add(hostId);
            return;
        }
        synchronized (this) {
            if (bySession.get(stream.sessionId) == stream && stream.agentSubscriptionId().equals(agentSubscriptionId)) {
                renew(stream);
            }
        }
    }

    /**
     * Host rows as they change (here or on other nodes): a host back online on another node, after it went offline
     * or its node told us it lost our streams, gets our requests again.
     */
    public void hostsChanged(List<HostRow> rows) {
        for (HostRow row : rows) {
            Boolean before = hostOnline.put(row.hostId(), row.online());
            boolean orphaned = row.online() && orphanedHosts.remove(row.hostId());
            if (row.online() && (orphaned || Boolean.FALSE.equals(before)) && !channel.online(row.hostId())) {
                renewAll(row.hostId());
            }
        }
    }

    /** A new agent connection knows none of our subscriptions: ask again for the host's streams. */
    public void hostConnected(String hostId) {
        for (ConsoleStream stream : List.copyOf(bySession.values())) {
            if (stream.hostId.equals(hostId)) {
                sendSubscribe(stream);
            }
        }
        dropRemoteSubscribers(hostId);
    }

    /** The host's agent connection here closed: the nodes whose streams it carried must ask again. */
    public void hostDisconnected(String hostId) {
        dropRemoteSubscribers(hostId);
    }

    private void dropRemoteSubscribers(String hostId) {
        remoteSubscribers.forEach((agentSubscriptionId, remote) -> {
            if (remote.hostId().equals(hostId) && remoteSubscribers.remove(agentSubscriptionId, remote)) {
                bridge.lost(remote.node(), hostId, agentSubscriptionId);
            }
        });
    }

    private RemoteSubscriber remoteSubscriber(String hostId, String agentSubscriptionId, String sessionId) {
        RemoteSubscriber remote = agentSubscriptionId == null ? null : remoteSubscribers.get(agentSubscriptionId);
        return remote != null && remote.hostId().equals(hostId) && remote.sessionId().equals(sessionId) ? remote : null;
    }

    private synchronized void renewAll(String hostId) {
        for (ConsoleStream stream : List.copyOf(bySession.values())) {
            if (stream.hostId.equals(hostId)) {
                renew(stream);
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
        Command command = new Command(newId(), stream.sessionId, body);
        if (!channel.send(stream.hostId, Envelope.live(command))) {
            bridge.request(stream.hostId, command);
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
