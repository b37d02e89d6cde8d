package dev.agentcommander.server.bench;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.agent.AgentAck;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * A benchmark command, not a test: replays durable agent traffic ({@code events.append}) from many simulated
 * hosts against a real control plane on H2 and on PostgreSQL, and prints events/s and ack latency p50/p99 next
 * to a raw JDBC batch insert of the same rows (the floor). Run:
 * <pre>
 * mvn -q -pl embedded-server test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp embedded-server/target/test-classes:embedded-server/target/classes:$(cat embedded-server/target/cp.txt) \
 *     dev.agentcommander.server.bench.ReplayBench [hosts=50] [eventsPerHost=2000] [window=256]
 * </pre>
 */
public final class ReplayBench {
    private ReplayBench() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int perHost = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        System.out.printf("replay: %d hosts x %d events.append, window %d unacked frames per host%n", hosts, perHost,
                window);
        for (Engine engine : Engine.values()) {
            try (TestPlane cp = TestPlane.start(engine)) {
                run(cp, engine, hosts, perHost, window);
            }
        }
        System.exit(0);
    }

    private static void run(TestPlane cp, Engine engine, int hosts, int perHost, int window) throws Exception {
        List<BenchAgent> agents = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            HostAccess host = cp.newHost();
            BenchAgent agent = new BenchAgent(URI.create(cp.plane().agentWsUrl()), host, perHost + 1, window);
            agent.connectBlocking(10, TimeUnit.SECONDS);
            agent.send(agent.codec.encode(Envelope.durable(1, new SessionsUpsert(List.of(new SessionRow(
                    agent.sessionId, null, "bench", Provider.CLAUDE, SessionStatus.RUNNING, false, null, "/bench", null,
                    null, null, null, null, null))))));
            agent.awaitAcked(1);
            agents.add(agent);
        }
        long started = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (BenchAgent agent : agents) {
            Thread sender = new Thread(agent::replay, "bench-" + agent.sessionId);
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        for (BenchAgent agent : agents) {
            agent.awaitAcked(perHost + 1);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] latencies = agents.stream().flatMapToLong(a -> Arrays.stream(a.latencies, 2, perHost + 2)).sorted()
                .toArray();
        long total = (long) hosts * perHost;
        agents.forEach(WebSocketClient::close);
        double floor = rawInsert(cp.jdbi(), agents.get(0).hostId, total);
        System.out.printf("%-10s control plane: %,9.0f events/s  ack p50 %6.1f ms  p99 %6.1f ms   "
                + "raw JDBC batch insert: %,9.0f rows/s  (%.0f%% of raw)%n", engine,
                total / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99), floor,
                100 * (total / seconds) / floor);
    }

    /** The same number of event rows, inserted with JDBC batches of 500 in one transaction per batch. */
    private static double rawInsert(Jdbi jdbi, String hostId, long rows) {
        String payload = "{\"n\":0}";
        long started = System.nanoTime();
        jdbi.useHandle(handle -> {
            for (long done = 0; done < rows; done += 500) {
                long count = Math.min(500, rows - done);
                handle.useTransaction(tx -> {
                    PreparedBatch batch = tx.prepareBatch("INSERT INTO events (session_id, host_id, event_type, "
                            + "payload, ts) VALUES (:s, :h, :t, :p, CURRENT_TIMESTAMP)");
                    for (long i = 0; i < count; i++) {
                        batch.bindMap(Map.of("s", "raw", "h", hostId, "t", "codex.event", "p", payload)).add();
                    }
                    batch.execute();
                });
            }
        });
        return rows / ((System.nanoTime() - started) / 1e9);
    }

    private static double percentile(long[] sortedNanos, double p) {
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    /** One simulated agentd: sends its frames with at most {@code window} unacked, times each ack. */
    private static final class BenchAgent extends WebSocketClient {
        final WireCodec codec = new WireCodec();
        final String hostId;
        final String sessionId;
        final long[] sentAt;
        final long[] latencies;
        final int window;
        private long acked;

        BenchAgent(URI uri, HostAccess host, int frames, int window) {
            super(uri, Map.of("Authorization", "Bearer " + host.token(), "X-Agentd-Stream", "bench"));
            this.hostId = host.hostId();
            this.sessionId = "bench-" + host.hostId();
            this.sentAt = new long[frames + 1];
            this.latencies = new long[frames + 1];
            this.window = window;
        }

        void replay() {
            try {
                for (int seq = 2; seq < sentAt.length; seq++) {
                    synchronized (this) {
                        while (seq - acked > window) {
                            wait();
                        }
                    }
                    String frame = codec.encode(Envelope.durable(seq, new EventsAppend(sessionId, "codex.event",
                            codec.mapper().createObjectNode().put("n", seq).put("type", "item.completed"))));
                    sentAt[seq] = System.nanoTime();
                    send(frame);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized void awaitAcked(long seq) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 120_000;
            while (acked < seq) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new IllegalStateException(sessionId + ": no ack for " + seq + " (acked " + acked + ")");
                }
                wait(left);
            }
        }

        @Override
        public void onMessage(String message) {
            try {
                Envelope envelope = codec.decode(message);
                if (envelope.payload() instanceof AgentAck ack) {
                    long now = System.nanoTime();
                    synchronized (this) {
                        for (long s = acked + 1; s <= ack.seq() && s < sentAt.length; s++) {
                            latencies[(int) s] = now - sentAt[(int) s];
                        }
                        acked = Math.max(acked, ack.seq());
                        notifyAll();
                    }
                }
            } catch (WireFormatException e) {
                throw new IllegalStateException("undecodable frame: " + message, e);
            }
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
        }

        @Override
        public void onError(Exception error) {
            System.err.println(sessionId + ": " + error);
        }
    }
}
