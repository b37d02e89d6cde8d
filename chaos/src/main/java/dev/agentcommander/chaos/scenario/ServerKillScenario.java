package dev.agentcommander.chaos.scenario;

import dev.agentcommander.chaos.fleet.Fleet;
import dev.agentcommander.chaos.fleet.Jars;
import dev.agentcommander.chaos.verify.DeliveryCount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 1: the control plane is SIGKILLed mid-stream and restarted on the same H2 file, three times (once at the tiny scale), while every
 * agentd keeps queueing hooks. Recovery: from starting the new process to the first seq stored beyond what the
 * killed one had stored (first host to get one; and the last).
 */
public final class ServerKillScenario implements Scenario {
    @Override
    public String name() {
        return "control-plane-sigkill";
    }

    @Override
    public ScenarioResult run(Jars jars, Path dir, Scale scale) throws Exception {
        List<String> problems = new ArrayList<>();
        List<Long> firstAck = new ArrayList<>();
        List<Long> allAcked = new ArrayList<>();
        List<Long> healthy = new ArrayList<>();
        long total = scale.eventsPerHost() * scale.hosts();
        try (Fleet fleet = Fleet.start(jars, dir)) {
            fleet.addHosts(jars, dir, scale.hosts(), scale.ackTimeout(), i -> fleet.server().agentUrl());
            fleet.startLoad(scale.eventsPerHost());
            for (int kill = 1; kill <= scale.kills(); kill++) {
                fleet.awaitSent(total * kill / (scale.kills() + 1), Duration.ofMinutes(10));
                fleet.server().kill();
                long started = System.nanoTime();
                fleet.server().start(fleet.api());
                healthy.add((System.nanoTime() - started) / 1_000_000);
                List<Long> atRestart = fleet.ackedSeqs();
                long[] advancedAt = new long[atRestart.size()];
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (System.nanoTime() < deadline && java.util.Arrays.stream(advancedAt).anyMatch(t -> t == 0)) {
                    List<Long> now = fleet.ackedSeqs();
                    for (int i = 0; i < now.size(); i++) {
                        if (advancedAt[i] == 0 && (now.get(i) > atRestart.get(i) || fleet.loads().get(i).done())) {
                            advancedAt[i] = System.nanoTime();
                        }
                    }
                    Thread.sleep(20);
                }
                long first = java.util.Arrays.stream(advancedAt).filter(t -> t > 0).min().orElse(0);
                long last = java.util.Arrays.stream(advancedAt).max().orElse(0);
                if (java.util.Arrays.stream(advancedAt).anyMatch(t -> t == 0)) {
                    problems.add("restart " + kill + ": a host got no new ack within 120 s");
                } else {
                    firstAck.add((first - started) / 1_000_000);
                    allAcked.add((last - started) / 1_000_000);
                }
            }
            DeliveryCount delivery = fleet.settle(Duration.ofMinutes(5));
            return new ScenarioResult(name(),
                    scale.hosts() + " agentd x " + scale.eventsPerHost() + " hook events = " + total + " durable events",
                    scale.kills() + " x SIGKILL of the control plane + restart (H2 file database)",
                    delivery, "restart -> first new ack " + Millis.summary(firstAck) + "; every host acked again "
                    + Millis.summary(allAcked) + "; of which JVM start until /health " + Millis.summary(healthy), fleet.server().heapUsedBytes(), problems);
        }
    }
}
