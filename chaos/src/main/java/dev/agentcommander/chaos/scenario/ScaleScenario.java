package dev.agentcommander.chaos.scenario;

import dev.agentcommander.chaos.fleet.ControlPlaneApi;
import dev.agentcommander.chaos.fleet.Jars;
import dev.agentcommander.chaos.fleet.ServerProcess;
import dev.agentcommander.chaos.fleet.UiSessionsProbe;
import dev.agentcommander.chaos.load.SimulatedAgent;
import dev.agentcommander.chaos.verify.AckTally;
import dev.agentcommander.chaos.verify.DeliveryCount;
import dev.agentcommander.schema.WireCodec;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Scenario 6: many light simulated agents on one control plane, each a real agent socket with its own host token,
 * sending its session rows and then a trickle of durable events; counts every ack and times the filtered session
 * list (REST, as an operator) under that load.
 */
public final class ScaleScenario implements Scenario {
    private static final int EVENTS_PER_AGENT = 20;

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public ScenarioResult run(Jars jars, Path dir, Scale scale) throws Exception {
        int agentCount = switch (scale) {
            case TINY -> 20;
            case SMALL -> 100;
            case FULL -> 500;
        };
        int sessions = scale == Scale.TINY ? 5 : 20;
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
                SimulatedAgent agent = new SimulatedAgent(host.get(0), sessions, EVENTS_PER_AGENT, codec);
                agent.connect(client, server.port(), host.get(1));
                agents.add(agent);
            }
            UiSessionsProbe ui = new UiSessionsProbe(client, server.port(),
                    server.mintToken("operator", "scale-ui@example.com"), codec);
            List<Long> listMillis = new ArrayList<>();
            List<Long> uiMillis = new ArrayList<>();
            for (int round = 0; round < EVENTS_PER_AGENT; round++) {
                for (SimulatedAgent agent : agents) {
                    agent.sendNextEvent();
                }
                SimulatedAgent probed = agents.get(round % agents.size());
                long started = System.nanoTime();
                int rows = operator.sessions(probed.hostId()).size();
                listMillis.add((System.nanoTime() - started) / 1_000_000);
                if (rows != sessions) {
                    problems.add("GET /v1/sessions?host_id= listed " + rows + " rows, not " + sessions);
                }
                started = System.nanoTime();
                int uiRows = ui.rowsOfHost(probed.hostId());
                uiMillis.add((System.nanoTime() - started) / 1_000_000);
                if (uiRows != sessions) {
                    problems.add("subscribe sessions {host_id} sent " + uiRows + " rows, not " + sessions);
                }
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (agents.stream().anyMatch(agent -> agent.tally().missing() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long acked = agents.stream().mapToLong(agent -> agent.tally().acked()).sum();
            long missing = agents.stream().mapToLong(agent -> agent.tally().missing()).sum();
            long duplicates = agents.stream().mapToLong(agent -> agent.tally().duplicateAcks()).sum();
            long starved = agents.stream().filter(agent -> agent.tally().acked() == 0).count();
            long minAcked = agents.stream().mapToLong(agent -> agent.tally().acked()).min().orElse(0);
            long maxAcked = agents.stream().mapToLong(agent -> agent.tally().acked()).max().orElse(0);
            List<Long> ackMillis = agents.stream().map(SimulatedAgent::tally).map(AckTally::latencyMicros)
                    .flatMap(List::stream).map(micros -> micros / 1_000).toList();
            if (starved > 0) {
                problems.add(starved + " agent connections starved (no ack)");
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
            if (!api.healthy()) {
                problems.add("the control plane is not healthy at the end");
            }
            long heap = server.heapUsedBytes();
            ui.close();
            return new ScenarioResult(name(),
                    agentCount + " agent connections x " + sessions + " sessions, " + EVENTS_PER_AGENT
                            + " durable events each",
                    "none (load only)", new DeliveryCount(acked, 0, acked, missing, duplicates, 0),
                    "acks per agent min " + minAcked + " / max " + maxAcked + "; ack latency "
                            + Millis.summary(ackMillis) + "; REST filtered list " + Millis.summary(listMillis)
                            + "; UI socket subscribe to initial rows " + Millis.summary(uiMillis),
                    heap, problems);
        } finally {
            agents.forEach(SimulatedAgent::close);
            listeners.shutdownNow();
        }
    }
}
