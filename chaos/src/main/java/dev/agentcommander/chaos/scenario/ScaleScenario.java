package dev.agentcommander.chaos.scenario;

import dev.agentcommander.chaos.fleet.ControlPlaneApi;
import dev.agentcommander.chaos.fleet.GcLog;
import dev.agentcommander.chaos.fleet.Jars;
import dev.agentcommander.chaos.fleet.ServerProcess;
import dev.agentcommander.chaos.fleet.UiSessionsProbe;
import dev.agentcommander.chaos.load.SimulatedAgent;
import dev.agentcommander.chaos.load.Trickle;
import dev.agentcommander.chaos.verify.DeliveryCount;
import dev.agentcommander.chaos.verify.SessionListLatency;
import dev.agentcommander.chaos.verify.StoredEvents;
import dev.agentcommander.schema.WireCodec;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scenario 6: many light simulated agents on one control plane, each a real agent socket with its own host token,
 * sending its session rows and then a steady trickle of durable events for a fixed window, while the filtered
 * session list is timed over REST and a UI socket. Counts every ack and every stored event, and measures the control
 * plane's peak heap and CPU time per stored event.
 */
public final class ScaleScenario implements Scenario {
    /** Per connection; 500 connections offer 1,000 events/s, well below what one control plane takes. */
    private static final double EVENTS_PER_SECOND = 2.0;
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public ScenarioResult run(Jars jars, Path dir, Scale scale) throws Exception {
        int agentCount = scale.simulatedAgents();
        int sessions = scale.sessionsPerAgent();
        Duration window = scale.trickleWindow();
        int events = (int) Math.round(EVENTS_PER_SECOND * window.toMillis() / 1_000.0);
        List<String> problems = new ArrayList<>();
        WireCodec codec = new WireCodec();
        List<SimulatedAgent> agents = new ArrayList<>();
        ExecutorService listeners = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().executor(listeners).build();
        try (ServerProcess server = new ServerProcess(jars, "jdbc:h2:file:" + dir.resolve("db/control-plane"), dir)) {
            ControlPlaneApi api = new ControlPlaneApi(server.port());
            api.token(server.mintAdminToken());
            server.start(api);
            ControlPlaneApi operator = new ControlPlaneApi(server.port());
            operator.token(server.mintToken("operator", "scale@example.com"));
            for (int i = 0; i < agentCount; i++) {
                List<String> host = api.createHost("scale-" + i);
                SimulatedAgent agent = new SimulatedAgent(host.get(0), sessions, events, codec);
                agent.connect(client, server.port(), host.get(1));
                agents.add(agent);
            }
            if (!allAcked(agents, SETTLE)) {
                problems.add("not every session upsert was acked within " + SETTLE.toSeconds() + " s");
            }
            UiSessionsProbe ui = new UiSessionsProbe(client, server.port(),
                    server.mintToken("operator", "scale-ui@example.com"), codec);
            SessionListLatency lists = new SessionListLatency(operator, ui,
                    agents.stream().map(SimulatedAgent::hostId).toList(), sessions);
            long cpuBefore = cpuNanos(server);
            long started = System.nanoTime();
            try (Trickle trickle = new Trickle(agents, EVENTS_PER_SECOND, events)) {
                trickle.start();
                lists.runUntil(started + window.toNanos());
                if (!trickle.awaitSent(SETTLE)) {
                    problems.add("not every connection sent its " + events + " events");
                }
                if (trickle.failedSends() > 0) {
                    problems.add(trickle.failedSends() + " sends failed, the first: " + trickle.firstFailure());
                }
            }
            long sentNanos = System.nanoTime() - started;
            if (!allAcked(agents, SETTLE)) {
                problems.add("not every event was acked within " + SETTLE.toSeconds() + " s of the last send");
            }
            long loadNanos = System.nanoTime() - started;
            long cpuUsed = cpuNanos(server) - cpuBefore;
            ui.close();
            problems.addAll(lists.problems());
            problems.addAll(ackProblems(agents));
            if (!api.healthy()) {
                problems.add("the control plane is not healthy at the end");
            }
            DeliveryCount delivery = countStored(api, agents);
            long sent = agents.stream().mapToLong(SimulatedAgent::eventsSent).sum();
            GcLog gc = GcLog.read(server.gcLog());
            long heapNow = server.heapUsedBytes();
            String load = agentCount + " agent connections x " + sessions + " sessions, each " + EVENTS_PER_SECOND
                    + " events/s for " + window.toSeconds() + " s: " + sent + " durable events sent in "
                    + seconds(sentNanos) + " s (" + Math.round(sent / (sentNanos / 1e9)) + "/s)";
            String figures = ScaleFigures.acks(agents) + "; REST filtered list " + Millis.percentiles(lists.restMillis())
                    + "; UI socket subscribe to initial rows " + Millis.percentiles(lists.uiMillis())
                    + "; " + ScaleFigures.cpu(cpuUsed, loadNanos, delivery.stored())
                    + "; " + ScaleFigures.heap(gc, heapNow);
            return new ScenarioResult(name(), load, "none (load only)", delivery, figures, heapNow, problems);
        } finally {
            agents.forEach(SimulatedAgent::close);
            listeners.shutdownNow();
        }
    }

    private static boolean allAcked(List<SimulatedAgent> agents, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (agents.stream().anyMatch(agent -> agent.tally().missing() > 0 && !agent.closed())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return agents.stream().allMatch(agent -> agent.tally().missing() == 0);
    }

    private static List<String> ackProblems(List<SimulatedAgent> agents) {
        List<String> problems = new ArrayList<>();
        long missing = agents.stream().mapToLong(agent -> agent.tally().missing()).sum();
        if (missing > 0) {
            problems.add(missing + " seqs never acked");
        }
        long duplicates = agents.stream().mapToLong(agent -> agent.tally().duplicateAcks()).sum();
        if (duplicates > 0) {
            problems.add(duplicates + " duplicate acks");
        }
        long starved = agents.stream().filter(agent -> agent.tally().acked() <= 1).count();
        if (starved > 0) {
            problems.add(starved + " agent connections starved (no event acked)");
        }
        if (agents.stream().anyMatch(agent -> agent.tally().beyondSent() > 0)) {
            problems.add("an ack named a seq that was never sent");
        }
        long errors = agents.stream().mapToLong(SimulatedAgent::errors).sum();
        if (errors > 0) {
            problems.add(errors + " error frames sent to the agents");
        }
        long dropped = agents.stream().filter(SimulatedAgent::closed).count();
        if (dropped > 0) {
            problems.add(dropped + " agent connections closed by the control plane");
        }
        return problems;
    }

    /** Every agent's stored events against what it sent, read over REST by four threads. */
    private static DeliveryCount countStored(ControlPlaneApi api, List<SimulatedAgent> agents) throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<DeliveryCount>> counts = agents.stream()
                    .<Callable<DeliveryCount>>map(agent -> () -> StoredEvents.count(api, agent)).toList();
            DeliveryCount total = DeliveryCount.none();
            for (Future<DeliveryCount> count : readers.invokeAll(counts)) {
                total = total.plus(count.get());
            }
            return total;
        } finally {
            readers.shutdownNow();
        }
    }

    private static long cpuNanos(ServerProcess server) {
        return server.cpuTime().map(Duration::toNanos).orElse(-1L);
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
