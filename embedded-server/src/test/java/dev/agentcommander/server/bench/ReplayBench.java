package dev.agentcommander.server.bench;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.SharedPostgres;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * A benchmark command, not a test: replays durable agent traffic ({@code events.append}) from many simulated
 * hosts against a real control plane on H2 and on PostgreSQL, and prints events/s and ack latency p50/p99 next
 * to a raw JDBC batch insert of the same rows (the floor). After an unmeasured warm-up, two phases per database:
 * saturation (every host keeps
 * {@code window} frames unacked: the throughput ceiling, its latency is mostly queueing in that window) and paced
 * (all hosts together offer a fixed rate below saturation: the ack latency an operator sees). Run:
 * <pre>
 * mvn -q -pl embedded-server test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp embedded-server/target/test-classes:embedded-server/target/classes:$(cat embedded-server/target/cp.txt) \
 *     dev.agentcommander.server.bench.ReplayBench [hosts=50] [eventsPerHost=2000] [window=256] [H2,POSTGRESQL]
 * </pre>
 */
public final class ReplayBench {
    private ReplayBench() {
    }

    /** Offered rates of the paced phase, events/s over all hosts together. */
    private static final int[] PACED_RATES = {5_000, 10_000};
    private static final double PACED_SECONDS = 6;
    /** Frames per host sent (windowed) before anything is measured. */
    private static final int WARM_UP_FRAMES = 500;

    public static void main(String[] args) throws Exception {
        System.setProperty(SharedPostgres.DURABLE_COMMITS, "true");
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int perHost = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        System.out.printf("replay: %d hosts; saturation: %d events.append each, window %d unacked frames per host; "
                + "paced: %s events/s offered for %.0f s%n", hosts, perHost, window, Arrays.toString(PACED_RATES),
                PACED_SECONDS);
        List<Engine> engines = args.length > 3
                ? Arrays.stream(args[3].split(",")).map(Engine::valueOf).toList() : List.of(Engine.values());
        for (Engine engine : engines) {
            try (TestPlane cp = TestPlane.start(engine)) {
                if (engine == Engine.POSTGRESQL) {
                    printCommitSettings(cp.jdbi());
                }
                run(cp, engine, hosts, perHost, window);
            }
        }
        System.exit(0);
    }

    private static void run(TestPlane cp, Engine engine, int hosts, int perHost, int window) throws Exception {
        int pacedFrames = 0;
        for (int rate : PACED_RATES) {
            pacedFrames += framesPerHost(rate, hosts);
        }
        List<BenchAgent> agents = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger clientThreads = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService callbacks = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "bench-client-" + clientThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder().executor(callbacks).build();
        for (int h = 0; h < hosts; h++) {
            HostAccess host = cp.newHost();
            BenchAgent agent = BenchAgent.connect(client, URI.create(cp.plane().agentWsUrl()), host,
                    1 + WARM_UP_FRAMES + perHost + pacedFrames);
            agent.sendText(agent.codec.encode(Envelope.durable(1, new SessionsUpsert(List.of(new SessionRow(
                    agent.sessionId, null, "bench", Provider.CLAUDE, SessionStatus.RUNNING, false, null, "/bench", null,
                    null, null, null, null, null))))));
            agent.awaitAcked(1);
            agents.add(agent);
        }
        // warm-up, not measured: a control plane runs for days, so its code is compiled (JIT) when it matters
        windowed(agents, 2, 1 + WARM_UP_FRAMES, window);
        rawInsert(cp.jdbi(), agents.get(0).hostId, (long) hosts * WARM_UP_FRAMES, false);
        double floor = rawInsert(cp.jdbi(), agents.get(0).hostId, (long) hosts * perHost, engine == Engine.H2);
        System.out.printf("%-10s raw JDBC batch insert (floor), each batch durable: %,9.0f rows/s%n", engine, floor);
        if (engine == Engine.H2) {
            System.out.printf("%-10s raw JDBC batch insert, commits left in memory:  %,9.0f rows/s%n", engine,
                    rawInsert(cp.jdbi(), agents.get(0).hostId, (long) hosts * perHost, false));
        }

        // saturation: every host keeps `window` frames unacked; gives the throughput ceiling
        long first = 2 + WARM_UP_FRAMES;
        long last = first + perHost - 1;
        Meters before = Meters.read(cp);
        Map<String, Long> cpuBefore = ThreadCpu.byGroup();
        double seconds = windowed(agents, first, last, window);
        report(engine, "saturated, window " + window, agents, first, last, (long) hosts * perHost / seconds, floor);
        before = Meters.read(cp).printSince(before);
        cpuBefore = ThreadCpu.printSince(cpuBefore, seconds);

        // paced: a fixed offered rate below saturation; the ack latency an operator sees
        long from = last + 1;
        for (int rate : PACED_RATES) {
            long start = from;
            long end = start + framesPerHost(rate, hosts) - 1;
            double took = paced(agents, start, end, rate);
            report(engine, "paced " + rate + "/s", agents, start, end, (end - start + 1) * hosts / took, floor);
            before = Meters.read(cp).printSince(before);
            cpuBefore = ThreadCpu.printSince(cpuBefore, took);
            from = end + 1;
        }
        agents.forEach(BenchAgent::close);
        callbacks.shutdown();
    }

    /** The embedded PostgreSQL flushes its WAL at each commit here ({@link SharedPostgres#DURABLE_COMMITS}). */
    private static void printCommitSettings(Jdbi jdbi) {
        System.out.printf("%-10s fsync = %s, synchronous_commit = %s%n", Engine.POSTGRESQL,
                jdbi.withHandle(handle -> handle.createQuery("SHOW fsync").mapTo(String.class).one()),
                jdbi.withHandle(handle -> handle.createQuery("SHOW synchronous_commit").mapTo(String.class).one()));
    }

    /** CPU time of this JVM's threads, grouped by name (digits dropped): where the two cores go. */
    private static final class ThreadCpu {
        /** CPU time of pacing threads that ended (a thread's CPU time cannot be read after it ends). */
        static final java.util.concurrent.atomic.AtomicLong ENDED_PACERS = new java.util.concurrent.atomic.AtomicLong();

        static Map<String, Long> byGroup() {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            Map<String, Long> groups = new java.util.TreeMap<>();
            groups.put("bench-pacer", ENDED_PACERS.get());
            groups.put("postgres processes", postgresNanos());
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                long nanos = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    if (info.getThreadName().equals("bench-pacer")) {
                        continue; // counted when it ends
                    }
                    String group = info.getThreadName().replaceAll("\\d+", "N");
                    groups.merge(group, nanos, Long::sum);
                }
            }
            return groups;
        }

        /**
         * CPU time of this machine's {@code postgres} processes (Linux /proc; clock ticks of 10 ms), which share the
         * cores with this JVM.
         */
        static long postgresNanos() {
            long ticks = 0;
            java.io.File[] processes = new java.io.File("/proc").listFiles((dir, name) -> name.matches("\\d+"));
            for (java.io.File process : processes == null ? new java.io.File[0] : processes) {
                try {
                    String stat = java.nio.file.Files.readString(process.toPath().resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
            return ticks * 10_000_000L;
        }

        /**
         * Prints the groups' share of one core since {@code earlier}. Bench clients: "bench-pacer",
         * "bench-client-N" (the WebSocket callbacks) and "HttpClient-N-SelectorManager"; "postgres processes" is the
         * database server; the rest is the control plane (GC and JIT threads are not listed).
         */
        static Map<String, Long> printSince(Map<String, Long> earlier, double seconds) {
            Map<String, Long> now = byGroup();
            StringBuilder line = new StringBuilder();
            now.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - earlier.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > seconds * 1e9 * 0.02)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> line.append(String.format("%s %.0f%%, ", e.getKey(), 100 * e.getValue() / 1e9 / seconds)));
            System.out.printf("%-33s cpu (%% of one core): %s%n", "", line);
            return now;
        }
    }

    /** The server's own meters of the agent link (from {@code /metrics}), to split the ack latency. */
    private record Meters(double transactions, double transactionSeconds, double frames, double lagSeconds) {
        static Meters read(TestPlane cp) {
            String text = cp.get("/metrics", null).text();
            return new Meters(value(text, "agentcommander_db_apply_seconds_count"),
                    value(text, "agentcommander_db_apply_seconds_sum"),
                    value(text, "agentcommander_agent_durable_applied_total"),
                    value(text, "agentcommander_agent_ack_lag_seconds_sum"));
        }

        private static double value(String text, String name) {
            return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        }

        /** Prints what happened since {@code earlier}; returns this, the next phase's start. */
        Meters printSince(Meters earlier) {
            double count = transactions - earlier.transactions;
            double framesIn = frames - earlier.frames;
            System.out.printf("%-33s server: %,7.0f transactions, %5.1f frames each, %6.2f ms each; "
                    + "arrival -> durable commit (ack) %7.1f ms on average%n", "", count, framesIn / count,
                    1000 * (transactionSeconds - earlier.transactionSeconds) / count,
                    1000 * (lagSeconds - earlier.lagSeconds) / count);
            return this;
        }
    }

    private static int framesPerHost(int rate, int hosts) {
        return (int) Math.round(rate * PACED_SECONDS / hosts);
    }

    /** Every agent sends seqs {@code first..last}, at most {@code window} unacked; returns seconds. */
    private static double windowed(List<BenchAgent> agents, long first, long last, int window)
            throws InterruptedException {
        long started = System.nanoTime();
        agents.forEach(agent -> agent.replayWindowed(first, last, window));
        for (BenchAgent agent : agents) {
            agent.awaitAcked(last);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * Every agent sends seqs {@code first..last}, all together {@code rate} frames per second, evenly spaced and
     * in turn (host h's j-th frame is the (j × hosts + h)-th of the phase), from one pacing thread. Latency counts
     * from the planned send time, so a sender that falls behind does not hide the delay (coordinated omission).
     * Returns seconds until the last ack.
     */
    private static double paced(List<BenchAgent> agents, long first, long last, int rate)
            throws InterruptedException {
        long started = System.nanoTime();
        long origin = started + 200_000_000L;
        long total = agents.size() * (last - first + 1);
        Thread pacer = new Thread(() -> {
            for (long k = 0; k < total; k++) {
                long planned = origin + (long) (k * 1e9 / rate);
                long wait;
                while ((wait = planned - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                agents.get((int) (k % agents.size())).sendEvent(first + k / agents.size(), planned);
            }
            ThreadCpu.ENDED_PACERS.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
        }, "bench-pacer");
        pacer.start();
        pacer.join();
        for (BenchAgent agent : agents) {
            agent.awaitAcked(last);
        }
        return (System.nanoTime() - started - 200_000_000L) / 1e9;
    }

    private static void report(Engine engine, String phase, List<BenchAgent> agents, long first, long last,
            double eventsPerSecond, double floor) {
        long[] latencies = agents.stream().flatMapToLong(a -> Arrays.stream(a.latencies, (int) first, (int) last + 1))
                .sorted().toArray();
        long[] lags = agents.stream().flatMapToLong(a -> Arrays.stream(a.sendLag, (int) first, (int) last + 1))
                .sorted().toArray();
        System.out.printf("%-10s %-22s %,9.0f events/s  ack p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  "
                + "(%.0f%% of raw)  send lag p99 %6.1f ms%n", engine, phase, eventsPerSecond,
                percentile(latencies, 0.50), percentile(latencies, 0.99), latencies[latencies.length - 1] / 1e6,
                100 * eventsPerSecond / floor, percentile(lags, 0.99));
    }

    /**
     * The same number of event rows, inserted with JDBC batches of 500 in one transaction per batch. With
     * {@code checkpoint} (H2) each commit is followed by a {@code CHECKPOINT}, which writes it to the file as the
     * control plane does before it acks (on PostgreSQL the commit itself is durable).
     */
    private static double rawInsert(Jdbi jdbi, String hostId, long rows, boolean checkpoint) {
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
                if (checkpoint) {
                    handle.execute("CHECKPOINT");
                }
            }
        });
        return rows / ((System.nanoTime() - started) / 1e9);
    }

    private static double percentile(long[] sortedNanos, double p) {
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }
}
