package dev.agentcommander.chaos.scenario;

import dev.agentcommander.chaos.fleet.ControlPlaneApi;
import dev.agentcommander.chaos.fleet.Fleet;
import dev.agentcommander.chaos.fleet.Jars;
import dev.agentcommander.chaos.fleet.PrivatePostgres;
import dev.agentcommander.chaos.fleet.Team;
import dev.agentcommander.chaos.fleet.UiWatcher;
import dev.agentcommander.chaos.verify.DeliveryCount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scenario 5: two control-plane nodes on one private PostgreSQL, the hosts split between them, under hook load; the
 * database is stopped ({@code pg_ctl stop -m immediate}) and started again, then frozen (SIGSTOP: connections open,
 * nothing answers) and thawed, each for a few seconds and as often as the kill scenarios kill. Checks: 0 lost, 0
 * duplicated, 0 out of order; during each outage both nodes answer {@code /health} 503 and a UI socket on each node
 * (subscribed to {@code sessions}) is told {@code store_unavailable}, and {@code store_available} once it is back;
 * afterwards each node answers 200 again and every host is acked again, with no restart of anything but PostgreSQL.
 */
public final class PostgresRestartScenario implements Scenario {
    private static final String STORE_UNAVAILABLE = "store_unavailable";
    private static final String STORE_AVAILABLE = "store_available";
    private static final Duration OUTAGE = Duration.ofSeconds(3);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(120);

    @Override
    public String name() {
        return "postgres-restart";
    }

    @Override
    public ScenarioResult run(Jars jars, Path dir, Scale scale) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, List<Long>> nodesHealthy = new TreeMap<>(); // by kind of outage: restart, freeze
        Map<String, List<Long>> hostsAcked = new TreeMap<>();
        List<Long> unhealthyAnswers = new ArrayList<>();
        try (Team team = Team.start(jars, dir)) {
            Fleet fleet = team.fleet();
            PrivatePostgres postgres = team.postgres();
            List<ControlPlaneApi> nodes = List.of(fleet.api(), team.apiB());
            fleet.addHosts(jars, dir, scale.hosts(), scale.ackTimeout(),
                    i -> i % 2 == 0 ? fleet.server().agentUrl() : team.nodeB().agentUrl());
            List<UiWatcher> watchers = List.of(
                    new UiWatcher(fleet.server().port(), fleet.api().token(), "sessions", Map.of(), fleet.api().json()),
                    new UiWatcher(team.nodeB().port(), fleet.api().token(), "sessions", Map.of(), fleet.api().json()));
            try {
                fleet.startLoad(Long.MAX_VALUE / 4); // bounded by the faults below
                List<String> faults = new ArrayList<>();
                for (int round = 1; round <= scale.kills(); round++) {
                    for (boolean freeze : new boolean[] {false, true}) {
                        String kind = freeze ? "freeze" : "restart";
                        String what = kind + " " + round;
                        fleet.awaitSent(fleet.sent() + 50L * scale.hosts(), Duration.ofSeconds(60));
                        List<Long> before = fleet.ackedSeqs();
                        List<Integer> toldBefore = watchers.stream().map(PostgresRestartScenario::told).toList();
                        if (freeze) {
                            postgres.freeze();
                        } else {
                            postgres.stopImmediately();
                        }
                        faults.add(what);
                        checkUnhealthy(nodes, what, unhealthyAnswers, problems);
                        Thread.sleep(OUTAGE.toMillis());
                        checkTold(watchers, toldBefore, what, problems);
                        long back = System.nanoTime();
                        if (freeze) {
                            postgres.thaw();
                        } else {
                            postgres.start();
                        }
                        awaitHealthy(nodes, back, what, nodesHealthy.computeIfAbsent(kind, k -> new ArrayList<>()),
                                problems);
                        awaitAcked(fleet, before, back, what, hostsAcked.computeIfAbsent(kind, k -> new ArrayList<>()),
                                problems);
                    }
                }
                fleet.stopLoad();
                DeliveryCount delivery = fleet.settle(Duration.ofMinutes(5));
                watchers.stream().filter(UiWatcher::closed)
                        .forEach(watcher -> problems.add("a UI socket was closed by the outages"));
                watchers.stream().filter(watcher -> told(watcher, STORE_AVAILABLE) != told(watcher))
                        .forEach(watcher -> problems.add("a UI socket was told " + told(watcher) + " times that the "
                                + "store is unavailable but " + told(watcher, STORE_AVAILABLE)
                                + " times that it is back"));
                return new ScenarioResult(name(),
                        scale.hosts() + " agentd (split over 2 control-plane nodes on one PostgreSQL), hook events: "
                                + fleet.sent() + " durable events; a UI socket subscribed on each node",
                        "PostgreSQL outages of " + OUTAGE.toSeconds() + " s each: " + faults
                                + " (restart = pg_ctl stop -m immediate, then start; freeze = SIGSTOP, then SIGCONT)",
                        delivery, "PostgreSQL back -> both nodes /health 200 " + summaries(nodesHealthy)
                        + "; -> every host acked again " + summaries(hostsAcked) + "; /health during the outage "
                        + "answered 503 in " + Millis.summary(unhealthyAnswers) + "; UI sockets told "
                        + STORE_UNAVAILABLE + " " + watchers.stream().map(PostgresRestartScenario::told).toList()
                        + " times", fleet.server().heapUsedBytes(), problems);
            } finally {
                watchers.forEach(UiWatcher::close);
            }
        }
    }

    private static String summaries(Map<String, List<Long>> byKind) {
        List<String> parts = new ArrayList<>();
        byKind.forEach((kind, millis) -> parts.add("after a " + kind + " " + Millis.summary(millis)));
        return String.join(", ", parts);
    }

    private static int told(UiWatcher watcher) {
        return told(watcher, STORE_UNAVAILABLE);
    }

    private static int told(UiWatcher watcher, String code) {
        return (int) watcher.errorCodes().stream().filter(code::equals).count();
    }

    /** Each node must say it is unavailable, and say it fast (a second is its own bound); waits up to 10 s. */
    private static void checkUnhealthy(List<ControlPlaneApi> nodes, String what, List<Long> answers,
                                       List<String> problems) throws InterruptedException {
        for (int node = 0; node < nodes.size(); node++) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            boolean noticed = false;
            while (!noticed && System.nanoTime() < deadline) {
                long asked = System.nanoTime();
                noticed = !nodes.get(node).healthy();
                if (noticed) {
                    answers.add((System.nanoTime() - asked) / 1_000_000);
                } else {
                    Thread.sleep(100);
                }
            }
            if (!noticed) {
                problems.add(what + ": node " + node + " kept answering /health 200 with PostgreSQL down");
            }
        }
    }

    private static void checkTold(List<UiWatcher> watchers, List<Integer> toldBefore, String what,
                                  List<String> problems) {
        for (int node = 0; node < watchers.size(); node++) {
            if (told(watchers.get(node)) <= toldBefore.get(node)) {
                problems.add(what + ": the UI socket on node " + node + " was not told the store is unavailable "
                        + "(errors so far: " + watchers.get(node).errorCodes() + ")");
            }
        }
    }

    private static void awaitHealthy(List<ControlPlaneApi> nodes, long back, String what, List<Long> healthy,
                                     List<String> problems) throws InterruptedException {
        long deadline = back + RECOVERY_LIMIT.toNanos();
        for (int node = 0; node < nodes.size(); node++) {
            while (!nodes.get(node).healthy() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (System.nanoTime() >= deadline) {
                problems.add(what + ": node " + node + " did not answer /health 200 again within "
                        + RECOVERY_LIMIT.toSeconds() + " s");
            }
        }
        healthy.add((System.nanoTime() - back) / 1_000_000);
    }

    /** Every host's stored seq must pass what it was before the outage (or its load must be done). */
    private static void awaitAcked(Fleet fleet, List<Long> before, long back, String what, List<Long> acked,
                                   List<String> problems) throws InterruptedException {
        long deadline = back + RECOVERY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> now = fleet.ackedSeqs();
            boolean all = true;
            for (int i = 0; i < now.size(); i++) {
                all &= now.get(i) > before.get(i);
            }
            if (all) {
                acked.add((System.nanoTime() - back) / 1_000_000);
                return;
            }
            Thread.sleep(50);
        }
        problems.add(what + ": not every host was acked again within " + RECOVERY_LIMIT.toSeconds() + " s: "
                + fleet.ackedSeqs() + " (before: " + before + ")");
    }
}
