package dev.agentcommander.chaos.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.chaos.abuse.AbuseTally;
import dev.agentcommander.chaos.abuse.AgentSocketAbuse;
import dev.agentcommander.chaos.abuse.FrameAbuse;
import dev.agentcommander.chaos.abuse.HostileTokens;
import dev.agentcommander.chaos.abuse.RestAbuse;
import dev.agentcommander.chaos.abuse.SlowReaders;
import dev.agentcommander.chaos.abuse.UiSocketAbuse;
import dev.agentcommander.chaos.fleet.AgentdHost;
import dev.agentcommander.chaos.fleet.ControlPlaneApi;
import dev.agentcommander.chaos.fleet.Fleet;
import dev.agentcommander.chaos.fleet.Jars;
import dev.agentcommander.chaos.fleet.ServerProcess;
import dev.agentcommander.chaos.verify.DeliveryCount;
import dev.agentcommander.chaos.verify.StoreLatency;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Scenario 7: generated hostile input over REST, the UI socket and the agent socket (broken and oversized frames,
 * refused tokens, a host token used for another host, raw frames that break RFC 6455, sockets dropped, UI clients
 * that never read) while one well-behaved agentd keeps reporting hooks. Checks: every hostile input gets a 4xx, an
 * {@code error} or a close (none a 2xx, a 5xx or silence); the server stays up; its heap after a full collection
 * stays flat; the slow readers are cut off; the good agentd loses nothing and its hooks are stored about as fast as
 * before.
 */
public final class AbuseScenario implements Scenario {
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024;
    private static final int SLOW_READERS = 2;
    private static final int SLOW_SUBSCRIPTIONS = 500;
    /** What the server may hold for one client that does not read: 16 Mi characters, up to 2 bytes each. */
    private static final long UNSENT_BOUND_BYTES = 32L * 1024 * 1024;

    @Override
    public String name() {
        return "abuse";
    }

    @Override
    public ScenarioResult run(Jars jars, Path dir, Scale scale) throws Exception {
        List<String> problems = new ArrayList<>();
        AbuseTally tally = new AbuseTally();
        ExecutorService threads = Executors.newCachedThreadPool();
        try (Fleet fleet = Fleet.start(jars, dir)) {
            ControlPlaneApi api = fleet.api();
            fleet.addHosts(jars, dir, 1, scale.ackTimeout(), i -> fleet.server().agentUrl());
            AgentdHost good = fleet.hosts().get(0);
            String sessionId = fleet.awaitSession(good, good.tmux().paneIds().get(0));
            List<String> framesHost = api.createHost("abuse-frames");
            List<String> rawHost = api.createHost("abuse-raw");
            JsonNode spare = api.post("/v1/hosts/" + framesHost.get(0) + "/tokens", "{}");
            api.delete("/v1/hosts/" + framesHost.get(0) + "/tokens/" + spare.path("token_id").asText());
            HostileTokens tokens = new HostileTokens(ServerProcess.SECRET, framesHost.get(1));
            checkForgingWorks(fleet, tokens, problems);

            fleet.startLoad(Long.MAX_VALUE / 4);
            StoreLatency latency = new StoreLatency(api, fleet.loads().get(0), sessionId);
            threads.submit(latency);
            long quietFrom = System.nanoTime();
            Thread.sleep(QUIET.toMillis());
            long heapBefore = fleet.server().heapLiveBytes();
            long sentBefore = fleet.sent();
            long abuseFrom = System.nanoTime();

            int total = scale.hostileInputs();
            int oversized = Math.max(2, total / 2_000);
            String admin = api.token();
            List<Callable<Void>> attacks = List.of(
                    () -> run(() -> new RestAbuse(fleet.server().port(), admin, tokens, good.hostId(), sessionId,
                            tally, RandomGenerator.getDefault()).run(total / 5, oversized / 2)),
                    () -> run(() -> new RestAbuse(fleet.server().port(), admin, tokens, good.hostId(), sessionId,
                            tally, RandomGenerator.getDefault()).run(total / 5, 0)),
                    () -> run(() -> new UiSocketAbuse(fleet.server().port(), admin, tokens, api.json(), tally,
                            RandomGenerator.getDefault()).run(total / 5, oversized)),
                    () -> run(() -> new AgentSocketAbuse(fleet.server().port(), framesHost.get(1),
                            spare.path("token").asText(), good.hostId(), sessionId, tokens, api.json(), tally,
                            RandomGenerator.getDefault())
                            .run(total / 5, oversized / 2)),
                    () -> run(() -> new FrameAbuse(fleet.server().port(), admin, rawHost.get(1), tally,
                            RandomGenerator.getDefault())
                            .run(total - 4 * (total / 5))));
            int cut;
            long heapStalled;
            try (SlowReaders slow = SlowReaders.open(fleet.server().port(), admin, sessionId, SLOW_READERS,
                    SLOW_SUBSCRIPTIONS, RandomGenerator.getDefault())) {
                for (Future<Void> attack : threads.invokeAll(attacks)) {
                    attack.get();
                }
                heapStalled = fleet.server().heapLiveBytes();
                cut = slow.cutOff(Duration.ofSeconds(15));
            }
            if (heapBefore > 0 && heapStalled - heapBefore > HEAP_GROWTH_LIMIT + SLOW_READERS * UNSENT_BOUND_BYTES) {
                problems.add("the heap grew by " + mib(heapStalled - heapBefore) + " MiB with " + SLOW_READERS
                        + " UI clients not reading, " + (SLOW_READERS - cut) + " of them not cut off");
            }
            long abuseTo = System.nanoTime();
            long sentDuring = fleet.sent() - sentBefore;
            if (!fleet.server().alive() || !api.healthy()) {
                problems.add("the control plane is down after the abuse");
            }
            long heapAfter = fleet.server().heapLiveBytes();
            if (heapBefore > 0 && heapAfter - heapBefore > HEAP_GROWTH_LIMIT) {
                problems.add("heap grew from " + mib(heapBefore) + " to " + mib(heapAfter) + " MiB");
            }
            fleet.stopLoad();
            latency.stop();
            DeliveryCount delivery = fleet.settle(Duration.ofMinutes(2));
            if (tally.unexpected() > 0) {
                problems.add(tally.unexpected() + " hostile inputs got an answer they must never get, e.g. "
                        + tally.samples());
            }
            double tooSlow = api.metric("agentcommander_ui_too_slow_total");
            return new ScenarioResult(name(),
                    "1 agentd reporting hooks: " + fleet.sent() + " durable events; " + tally.total()
                            + " hostile inputs; " + SLOW_READERS + " UI clients that never read ("
                            + SLOW_SUBSCRIPTIONS + " events subscriptions each)",
                    "answers by channel: " + tally.summary(),
                    delivery, String.format("hook answered -> stored: quiet %s; under abuse %s; hooks answered %.1f/s"
                                    + " quiet, %.1f/s under abuse; slow readers cut off: %d of %d (4429 closes: %.0f);"
                                    + " heap after a full GC %d MiB before, %d MiB with the readers stalled,"
                                    + " %d MiB after",
                            Millis.summary(latency.between(quietFrom, abuseFrom)),
                            Millis.summary(latency.between(abuseFrom, abuseTo)),
                            sentBefore / seconds(abuseFrom - quietFrom), sentDuring / seconds(abuseTo - abuseFrom),
                            cut, SLOW_READERS, tooSlow, mib(heapBefore), mib(heapStalled), mib(heapAfter)),
                    heapAfter, problems);
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /** The forgeries are refused for what they are: the same signing code, with a sound token, gets in. */
    private static void checkForgingWorks(Fleet fleet, HostileTokens tokens, List<String> problems) {
        ControlPlaneApi asForger = new ControlPlaneApi(fleet.server().port());
        asForger.token(tokens.valid("viewer"));
        try {
            asForger.get("/v1/me");
        } catch (IOException e) {
            problems.add("a sound token made like the forged ones was refused, so the forgeries prove nothing: "
                    + e.getMessage());
        }
    }

    private interface Attack {
        void run() throws Exception;
    }

    private static Void run(Attack attack) throws Exception {
        attack.run();
        return null;
    }

    private static double seconds(long nanos) {
        return Math.max(1e-9, nanos / 1e9);
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
