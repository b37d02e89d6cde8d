package dev.agentcommander.server.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends this node's committed changes to the other nodes with {@code pg_notify}. Changes are queued and sent by
 * one thread, coalesced and chunked, so the committing thread (the agent apply path) never waits for it; they
 * are sent after the commit that made them, so a receiver always finds the rows. Thread-safe; its own thread
 * does the sending.
 */
final class PgNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgNotifier.class);
    /** PostgreSQL's payload limit is 8000 bytes; leave room for the envelope. */
    static final int MAX_PAYLOAD_BYTES = 7500;
    /** Changes arriving this close together go out as one transaction: a busy agent link notifies ~100 times/s. */
    private static final long COALESCE_MILLIS = 10;

    /** Ids of one kind (coalesced with others of that kind), or one console note (sent as it is, in order). */
    private record Change(ChangeKind kind, List<String> ids, ConsoleNote console) {
    }

    private final Jdbi jdbi;
    private final ObjectMapper mapper;
    private final String channel;
    private final String nodeId;
    private final BlockingQueue<Change> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    PgNotifier(Jdbi jdbi, ObjectMapper mapper, String channel, String nodeId) {
        this.jdbi = jdbi;
        this.mapper = mapper;
        this.channel = channel;
        this.nodeId = nodeId;
        this.thread = new Thread(this::run, "cluster-notify");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void send(ChangeKind kind, List<String> ids) {
        if (!ids.isEmpty()) {
            queue.add(new Change(kind, List.copyOf(ids), null));
        }
    }

    void sendConsole(ConsoleNote note) {
        queue.add(new Change(ChangeKind.CONSOLE, List.of(), note));
    }

    @Override
    public void close() {
        thread.interrupt();
    }

    private void run() {
        List<Change> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
                Thread.sleep(COALESCE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch);
            List<String> payloads = payloads(batch);
            batch.clear();
            try {
                jdbi.useTransaction(handle -> {
                    for (String payload : payloads) {
                        handle.createQuery("SELECT pg_notify(:channel, :payload)").bind("channel", channel)
                                .bind("payload", payload).mapTo(String.class).one();
                    }
                });
            } catch (RuntimeException e) {
                // the other nodes catch up when their listener reconnects; a lost change here is only late
                LOG.warn("{} change notification(s) not sent: {}", payloads.size(), e.toString());
            }
        }
    }

    private List<String> payloads(List<Change> changes) {
        Map<ChangeKind, Set<String>> byKind = new EnumMap<>(ChangeKind.class);
        List<String> payloads = new ArrayList<>();
        List<String> consoleNotes = new ArrayList<>();
        for (Change change : changes) {
            if (change.console() != null) {
                consoleNotes.add(json(new Notification(nodeId, ChangeKind.CONSOLE, List.of(), change.console())));
            } else {
                byKind.computeIfAbsent(change.kind(), kind -> new LinkedHashSet<>()).addAll(change.ids());
            }
        }
        byKind.forEach((kind, ids) -> {
            List<String> chunk = new ArrayList<>();
            int bytes = 0;
            for (String id : ids) {
                int size = id.getBytes(StandardCharsets.UTF_8).length + 8;
                if (size > MAX_PAYLOAD_BYTES / 2) {
                    LOG.warn("{} id of {} bytes not relayed", kind, size);
                    continue;
                }
                if (bytes + size > MAX_PAYLOAD_BYTES) {
                    payloads.add(json(kind, chunk));
                    chunk = new ArrayList<>();
                    bytes = 0;
                }
                chunk.add(id);
                bytes += size;
            }
            if (!chunk.isEmpty()) {
                payloads.add(json(kind, chunk));
            }
        });
        payloads.addAll(consoleNotes);
        return payloads;
    }

    private String json(ChangeKind kind, List<String> ids) {
        return json(new Notification(nodeId, kind, ids, null));
    }

    private String json(Notification notification) {
        try {
            return mapper.writeValueAsString(notification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a notification", e);
        }
    }
}
