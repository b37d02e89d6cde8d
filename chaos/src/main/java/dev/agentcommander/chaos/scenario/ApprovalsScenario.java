package dev.agentcommander.chaos.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.chaos.fleet.AgentdHost;
import dev.agentcommander.chaos.fleet.ControlPlaneApi;
import dev.agentcommander.chaos.fleet.Fleet;
import dev.agentcommander.chaos.fleet.Jars;
import dev.agentcommander.chaos.fleet.ServerProcess;
import dev.agentcommander.chaos.fleet.Team;
import dev.agentcommander.chaos.load.PermissionHook;
import dev.agentcommander.chaos.verify.DecisionCount;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scenario 4: approvals under faults, with real {@code PermissionRequest} hooks posted to agentd's HTTP hook receiver
 * and two control-plane nodes on one private PostgreSQL (team mode). (a) Approvals pending while node A is SIGKILLed
 * and restarted, decided after the restart: each waiting hook answers with its decision. (b) Hooks of an agentd with
 * a 2 s {@code permission_timeout_s} time out: each approval closes {@code timed_out} and a late decision is 409.
 * (c) Two operators decide the same approval at once, one on each node: one 200, one 409, and the hook answers
 * the winner's decision. A second decision of a decided approval must be 409 as well.
 */
public final class ApprovalsScenario implements Scenario {
    private static final int SHORT_TIMEOUT_S = 2;
    private static final Duration SEEN_WITHIN = Duration.ofSeconds(60);
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(120);

    @Override
    public String name() {
        return "approvals";
    }

    @Override
    public ScenarioResult run(Jars jars, Path dir, Scale scale) throws Exception {
        DecisionCount count = new DecisionCount();
        try (Team team = Team.start(jars, dir)) {
            Fleet fleet = team.fleet();
            fleet.addHosts(jars, dir, 1, scale.ackTimeout(), i -> fleet.server().agentUrl(), hooksConfig(600));
            fleet.addHosts(jars, dir, 1, scale.ackTimeout(), i -> fleet.server().agentUrl(),
                    hooksConfig(SHORT_TIMEOUT_S));
            ControlPlaneApi operatorA = operator(fleet.server(), "operator-a@example.com");
            ControlPlaneApi operatorB = operator(team.nodeB(), "operator-b@example.com");
            int n = scale.approvals();
            long[] restartMillis = pendingAcrossRestart(fleet, operatorA, n, count);
            int refusedLate = timedOut(fleet, operatorA, n, count);
            int[] wins = race(fleet, operatorA, operatorB, n, count);
            return new ScenarioResult(name(),
                    "2 agentd, 2 control-plane nodes on one PostgreSQL; PermissionRequest hooks: " + n
                            + " pending across a restart, " + n + " left to time out (permission_timeout_s "
                            + SHORT_TIMEOUT_S + "), " + n + " decided by two operators at once",
                    "SIGKILL of node A with " + n + " approvals pending + restart; " + n
                            + " late decisions; " + n + " decision races (node A allow vs node B deny)",
                    count.asDelivery(),
                    count.summary() + "; restart -> every pending decision answered " + restartMillis[1]
                            + " ms (of which JVM start until /health " + restartMillis[0] + " ms); "
                            + "late decisions refused 409: " + refusedLate + "/" + n + "; races won: node A "
                            + wins[0] + ", node B " + wins[1],
                    fleet.server().heapUsedBytes(), count.problems());
        }
    }

    private static String hooksConfig(int permissionTimeoutS) {
        return """
                hooks: { permission_timeout_s: %d }
                providers: { claude: { approval_mode: hook } }
                """.formatted(permissionTimeoutS);
    }

    private static ControlPlaneApi operator(ServerProcess node, String email) throws IOException, InterruptedException {
        ControlPlaneApi api = new ControlPlaneApi(node.port());
        api.token(node.mintToken("operator", email));
        return api;
    }

    /** (a): returns the times from restarting node A to its {@code /health} 200, and to the last hook answering. */
    private static long[] pendingAcrossRestart(Fleet fleet, ControlPlaneApi operator, int n, DecisionCount count)
            throws IOException, InterruptedException {
        AgentdHost host = fleet.hosts().get(0);
        List<PermissionHook> hooks = post(host, n, fleet);
        List<String> ids = awaitPending(fleet.api(), host, hooks, count);
        fleet.server().kill();
        long started = System.nanoTime();
        fleet.server().start(fleet.api());
        long healthy = (System.nanoTime() - started) / 1_000_000;
        for (int i = 0; i < hooks.size(); i++) {
            if (ids.get(i) == null) {
                continue;
            }
            String decision = i % 2 == 0 ? "allow" : "deny";
            int status = operator.decide(ids.get(i), decision, "after the restart");
            if (status != 200) {
                count.problem("pending across the restart: the decision answered " + status);
                continue;
            }
            settle(hooks.get(i), decision.equals("allow") ? "allow" : "deny:after the restart", count,
                    "pending across the restart");
            secondDecisionRefused(operator, ids.get(i), count, "pending across the restart");
        }
        return new long[] {healthy, (System.nanoTime() - started) / 1_000_000};
    }

    /** (b): returns how many late decisions were refused with 409. */
    private static int timedOut(Fleet fleet, ControlPlaneApi operator, int n, DecisionCount count)
            throws IOException, InterruptedException {
        AgentdHost host = fleet.hosts().get(1);
        int refused = 0;
        for (PermissionHook hook : post(host, n, fleet)) {
            try {
                Optional<String> answered = hook.decision(Duration.ofSeconds(SHORT_TIMEOUT_S + 60));
                answered.ifPresent(decision -> count.problem("a hook that timed out answered " + decision));
            } catch (IOException e) {
                count.problem("a hook that should time out: " + e.getMessage());
            }
            Optional<String> id = awaitStatus(fleet.api(), host, hook, "timed_out");
            if (id.isEmpty()) {
                count.problem("a timed out hook's approval never closed as timed_out");
                continue;
            }
            int status = operator.decide(id.get(), "allow", "too late");
            if (status == 409) {
                refused++;
            } else if (status == 200) {
                count.doubled("a decision after the hook timed out");
            } else {
                count.problem("a late decision answered " + status + ", not 409");
            }
        }
        return refused;
    }

    /** (c): returns how many races each node's operator won. */
    private static int[] race(Fleet fleet, ControlPlaneApi operatorA, ControlPlaneApi operatorB, int n,
                              DecisionCount count) throws Exception {
        AgentdHost host = fleet.hosts().get(0);
        List<PermissionHook> hooks = post(host, n, fleet);
        List<String> ids = awaitPending(fleet.api(), host, hooks, count);
        int[] wins = new int[2];
        ExecutorService operators = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < hooks.size(); i++) {
                if (ids.get(i) == null) {
                    continue;
                }
                String id = ids.get(i);
                CountDownLatch gate = new CountDownLatch(1);
                Future<Integer> a = operators.submit(() -> {
                    gate.await();
                    return operatorA.decide(id, "allow", "operator a");
                });
                Future<Integer> b = operators.submit(() -> {
                    gate.await();
                    return operatorB.decide(id, "deny", "operator b");
                });
                gate.countDown();
                int statusA = a.get();
                int statusB = b.get();
                if (statusA == 200 && statusB == 200) {
                    count.doubled("a race of two operators");
                } else if (statusA != 200 && statusB != 200) {
                    count.problem("a race of two operators: neither won (" + statusA + ", " + statusB + ")");
                    continue;
                } else if ((statusA == 200 ? statusB : statusA) != 409) {
                    count.problem("a race of two operators: the loser got " + (statusA == 200 ? statusB : statusA)
                            + ", not 409");
                }
                wins[statusA == 200 ? 0 : 1]++;
                settle(hooks.get(i), statusA == 200 ? "allow" : "deny:operator b", count, "a race of two operators");
                String winner = statusA == 200 ? "operator-a@example.com" : "operator-b@example.com";
                fleet.api().approval(host.hostId(), hooks.get(i).marker())
                        .filter(row -> !winner.equals(row.path("decided_by").asText()))
                        .ifPresent(row -> count.problem("a race of two operators: the approval says decided by "
                                + row.path("decided_by").asText() + ", " + row.path("status").asText()
                                + "; the winner was " + winner));
            }
        } finally {
            operators.shutdownNow();
        }
        return wins;
    }

    private static List<PermissionHook> post(AgentdHost host, int n, Fleet fleet) throws IOException,
            InterruptedException {
        String pane = host.tmux().paneIds().get(0);
        List<PermissionHook> hooks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hooks.add(PermissionHook.post(host, pane, fleet.api().json()));
        }
        return hooks;
    }

    /** Each hook's approval id once the control plane lists it pending (null, with a problem, if it never does). */
    private static List<String> awaitPending(ControlPlaneApi api, AgentdHost host, List<PermissionHook> hooks,
                                             DecisionCount count) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (PermissionHook hook : hooks) {
            Optional<String> id = awaitStatus(api, host, hook, "pending");
            if (id.isEmpty()) {
                count.problem("an approval never showed up pending" + (hook.answered() ? " (its hook was answered)"
                        : ""));
            }
            ids.add(id.orElse(null));
        }
        return ids;
    }

    private static Optional<String> awaitStatus(ControlPlaneApi api, AgentdHost host, PermissionHook hook,
                                                String status) throws InterruptedException {
        long deadline = System.nanoTime() + SEEN_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Optional<JsonNode> row = api.approval(host.hostId(), hook.marker());
                if (row.isPresent() && status.equals(row.get().path("status").asText())) {
                    return Optional.of(row.get().path("approval_id").asText());
                }
            } catch (IOException e) {
                // the node is restarting: ask again
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private static void settle(PermissionHook hook, String wanted, DecisionCount count, String what)
            throws InterruptedException {
        try {
            count.accepted(wanted, hook.decision(ANSWERED_WITHIN), what);
        } catch (IOException e) {
            count.unanswered(what, e.getMessage());
        }
    }

    private static void secondDecisionRefused(ControlPlaneApi operator, String id, DecisionCount count, String what) {
        int status = operator.decide(id, "deny", "a second decision");
        if (status == 200) {
            count.doubled(what);
        } else if (status != 409) {
            count.problem(what + ": a second decision answered " + status + ", not 409");
        }
    }
}
