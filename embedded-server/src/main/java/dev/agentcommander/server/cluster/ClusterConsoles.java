package dev.agentcommander.server.cluster;

import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.agent.SessionsSnapshot;
import dev.agentcommander.schema.command.CommandBody;
import dev.agentcommander.schema.command.ConsoleSubscribe;
import dev.agentcommander.schema.command.ConsoleUnsubscribe;
import dev.agentcommander.schema.command.ConsoleWrite;
import dev.agentcommander.server.console.ConsoleBridge;
import dev.agentcommander.server.console.ConsoleRelay;
import dev.agentcommander.server.console.Snapshots;
import dev.agentcommander.server.host.Hosts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live consoles across nodes through the database: requests, chunks and "ask again" go out as {@code pg_notify}
 * notes ({@link ConsoleNote}), in order, each under PostgreSQL's payload limit (chunks are split at
 * {@link #MAX_CHUNK_BYTES} with their byte offsets); an opening snapshot travels through the snapshots table, which
 * already holds it. Thread-safe.
 */
final class ClusterConsoles implements ConsoleBridge {
    /** Raw bytes per note: base64 makes 6,668 characters, leaving room for the note under the 8000-byte limit. */
    static final int MAX_CHUNK_BYTES = 5000;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterConsoles.class);

    private final String nodeId;
    private final PgNotifier notifier;
    private final ConsoleRelay console;
    private final Snapshots snapshots;
    private final Hosts hosts;

    ClusterConsoles(String nodeId, PgNotifier notifier, ConsoleRelay console, Snapshots snapshots, Hosts hosts) {
        this.hosts = hosts;
        this.nodeId = nodeId;
        this.notifier = notifier;
        this.console = console;
        this.snapshots = snapshots;
    }

    @Override
    public void request(String hostId, Command command) {
        String action;
        String subscriptionId;
        if (command.body() instanceof ConsoleSubscribe subscribe) {
            action = ConsoleNote.SUBSCRIBE;
            subscriptionId = subscribe.subscriptionId();
        } else if (command.body() instanceof ConsoleUnsubscribe unsubscribe) {
            action = ConsoleNote.UNSUBSCRIBE;
            subscriptionId = unsubscribe.subscriptionId();
        } else if (command.body() instanceof ConsoleWrite write) {
            for (String piece : pieces(write.bytes())) {
                notifier.sendConsole(new ConsoleNote(ConsoleNote.WRITE, null, hostId, command.sessionId(),
                        write.subscriptionId(), null, piece));
            }
            return;
        } else {
            return;
        }
        notifier.sendConsole(new ConsoleNote(action, null, hostId, command.sessionId(), subscriptionId, null, null));
    }

    @Override
    public void forwardChunk(String node, String hostId, ConsoleChunk chunk) {
        long offset = chunk.offset();
        for (String piece : pieces(Base64.getDecoder().decode(chunk.data()))) {
            notifier.sendConsole(new ConsoleNote(ConsoleNote.CHUNK, node, hostId, chunk.sessionId(),
                    chunk.subscriptionId(), offset, piece));
            offset += Base64.getDecoder().decode(piece).length;
        }
    }

    /** Bytes in base64 pieces of at most {@link #MAX_CHUNK_BYTES} (one, possibly empty, at least). */
    private static List<String> pieces(byte[] bytes) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        do {
            int end = Math.min(bytes.length, start + MAX_CHUNK_BYTES);
            pieces.add(Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, start, end)));
            start = end;
        } while (start < bytes.length);
        return pieces;
    }

    @Override
    public void forwardSnapshot(String node, String hostId, SessionsSnapshot snapshot) {
        notifier.sendConsole(new ConsoleNote(ConsoleNote.SNAPSHOT, node, hostId, snapshot.sessionId(),
                snapshot.subscriptionId(), snapshot.offset(), null));
    }

    @Override
    public void lost(String node, String hostId, String agentSubscriptionId) {
        notifier.sendConsole(new ConsoleNote(ConsoleNote.LOST, node, hostId, null, agentSubscriptionId, null, null));
    }

    /** A note from {@code fromNode}; notes for other targets are ignored. */
    void received(String fromNode, ConsoleNote note) {
        if (note == null || note.action() == null || note.hostId() == null || note.subscriptionId() == null) {
            LOG.debug("incomplete console note from {} ignored", fromNode);
            return;
        }
        switch (note.action()) {
            case ConsoleNote.SUBSCRIBE -> request(fromNode, note, new ConsoleSubscribe(note.subscriptionId()));
            case ConsoleNote.UNSUBSCRIBE -> request(fromNode, note, new ConsoleUnsubscribe(note.subscriptionId()));
            case ConsoleNote.WRITE -> {
                if (note.data() != null && !note.data().isEmpty()) {
                    request(fromNode, note, new ConsoleWrite(note.subscriptionId(), note.data()));
                }
            }
            case ConsoleNote.CHUNK -> {
                if (forUs(note) && note.sessionId() != null && note.offset() != null && note.data() != null) {
                    console.chunk(note.hostId(), new ConsoleChunk(note.subscriptionId(), note.sessionId(),
                            note.offset(), note.data()));
                }
            }
            case ConsoleNote.SNAPSHOT -> {
                if (forUs(note) && note.sessionId() != null) {
                    snapshots.find(note.sessionId()).ifPresent(stored -> console.snapshot(note.hostId(),
                            new SessionsSnapshot(stored.sessionId(), note.subscriptionId(), stored.offset(),
                                    stored.content(), stored.cols(), stored.rows(), stored.capturedAt())));
                }
            }
            case ConsoleNote.LOST -> {
                if (forUs(note)) {
                    console.remoteLost(note.hostId(), note.subscriptionId(), onlineNow(note.hostId()));
                }
            }
            default -> LOG.debug("console note '{}' from {} ignored", note.action(), fromNode);
        }
    }

    private void request(String fromNode, ConsoleNote note, CommandBody body) {
        if (note.sessionId() != null) {
            console.remoteRequest(fromNode, note.hostId(), new Command(UUID.randomUUID().toString(), note.sessionId(),
                    body));
        }
    }

    private boolean onlineNow(String hostId) {
        try {
            return hosts.require(hostId).online();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean forUs(ConsoleNote note) {
        return nodeId.equals(note.target());
    }
}
