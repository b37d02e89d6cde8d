package dev.agentcommander.chaos.scenario;

import dev.agentcommander.chaos.fault.ChaosProxy;
import dev.agentcommander.chaos.fleet.Fleet;
import dev.agentcommander.chaos.fleet.Jars;
import dev.agentcommander.chaos.verify.DeliveryCount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Scenario 3: every agentd reaches the control plane through a {@link ChaosProxy} that, every 0.5–3 s for the fault
 * window, cuts, stalls or silences (half-open) one of its connections. Then every link is silenced at once and the
 * time agentd takes to notice and reconnect is measured: that is its ack timeout at work.
 */
public final class FlakyLinkScenario implements Scenario {
    @Override
    public String name() {
        return "flaky-link";
    }

    @Override
    public ScenarioResult run(Jars jars, Path dir, Scale scale) throws Exception {
        List<String> problems = new ArrayList<>();
        RandomGenerator random = RandomGenerator.getDefault();
        Map<ChaosProxy.Fault, Integer> injected = new EnumMap<>(ChaosProxy.Fault.class);
        try (Fleet fleet = Fleet.start(jars, dir); ChaosProxy proxy = new ChaosProxy(fleet.server().port())) {
            String url = "ws://127.0.0.1:" + proxy.port() + "/v1/agent/ws";
            fleet.addHosts(jars, dir, scale.hosts(), scale.ackTimeout(), i -> url);
            // The load runs for as long as the faults do; the count below is an upper bound, not the target.
            fleet.startLoad(Long.MAX_VALUE / 4);
            long end = System.nanoTime() + scale.faultWindow().toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(500 + random.nextInt(2_500));
                ChaosProxy.Fault fault = ChaosProxy.Fault.values()[random.nextInt(ChaosProxy.Fault.values().length)];
                if (proxy.inject(fault, random)) {
                    injected.merge(fault, 1, Integer::sum);
                }
            }
            int noticedBefore = proxy.silenceNoticedMillis().size();
            int acceptedBefore = proxy.accepted();
            proxy.silenceAll();
            long deadline = System.nanoTime() + scale.ackTimeout().multipliedBy(4).plusSeconds(30).toNanos();
            while (proxy.accepted() < acceptedBefore + scale.hosts() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (proxy.accepted() < acceptedBefore + scale.hosts()) {
                problems.add("not every agentd reconnected after its link went silent");
            }
            List<Long> probe = proxy.silenceNoticedMillis().subList(noticedBefore, proxy.silenceNoticedMillis().size());
            fleet.stopLoad();
            DeliveryCount delivery = fleet.settle(Duration.ofMinutes(5));
            long sent = fleet.sent();
            return new ScenarioResult(name(),
                    scale.hosts() + " agentd, hook events for " + scale.faultWindow().toSeconds() + " s: " + sent
                            + " durable events",
                    "proxy faults every 0.5-3 s: " + injected + "; then every link silenced at once; "
                            + proxy.accepted() + " connections in all",
                    delivery, "silent link noticed (ack timeout " + scale.ackTimeout().toSeconds() + " s) after "
                    + Millis.summary(probe) + "; silenced during the faults: "
                    + Millis.summary(proxy.silenceNoticedMillis().subList(0, noticedBefore)),
                    fleet.server().heapUsedBytes(), problems);
        }
    }
}
