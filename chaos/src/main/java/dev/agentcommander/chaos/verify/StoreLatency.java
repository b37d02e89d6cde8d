package dev.agentcommander.chaos.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.chaos.fleet.ControlPlaneApi;
import dev.agentcommander.chaos.load.HookLoad;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How long a host's hooks take from agentd's answer to being stored at the control plane (which acks right after the
 * commit is durable): every 200 ms it notes the newest answered hook, then reads the session's new events until that
 * hook is there. A sample is an upper bound by at most one hook's round trip. Runs on its own thread; read from
 * others.
 */
public final class StoreLatency implements Runnable {
    private record Sample(long startedNanos, long millis) {
    }

    private final ControlPlaneApi api;
    private final HookLoad load;
    private final String sessionId;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private long after;
    private long highestStored;

    public StoreLatency(ControlPlaneApi api, HookLoad load, String sessionId) {
        this.api = api;
        this.load = load;
        this.sessionId = sessionId;
    }

    public void stop() {
        stopped = true;
    }

    /** Latencies (ms) of the samples taken between the two {@link System#nanoTime()} instants. */
    public List<Long> between(long fromNanos, long toNanos) {
        return samples.stream().filter(s -> s.startedNanos() >= fromNanos && s.startedNanos() < toNanos)
                .map(Sample::millis).toList();
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                long newest = load.sent();
                long started = System.nanoTime();
                while (!stopped && !storedUpTo(newest)) {
                    Thread.sleep(10);
                }
                samples.add(new Sample(started, (System.nanoTime() - started) / 1_000_000));
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the events stored since the last call; true once hook {@code newest} (or a later one) is stored. */
    private boolean storedUpTo(long newest) {
        try {
            JsonNode page = api.get("/v1/sessions/" + sessionId + "/events?limit=1000&after=" + after);
            for (JsonNode event : page.path("items")) {
                after = Math.max(after, event.path("event_id").asLong());
                highestStored = Math.max(highestStored, event.path("payload").path("chaos_n").asLong());
            }
        } catch (IOException e) {
            return false; // asked again at once: a slow answer is what is being measured
        }
        return highestStored >= newest;
    }
}
