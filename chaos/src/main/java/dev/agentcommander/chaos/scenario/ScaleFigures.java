package dev.agentcommander.chaos.scenario;

import dev.agentcommander.chaos.fleet.GcLog;
import dev.agentcommander.chaos.fleet.ServerProcess;
import dev.agentcommander.chaos.load.SimulatedAgent;
import java.util.List;
import java.util.Locale;

/** The scale scenario's measured figures as report text. */
final class ScaleFigures {
    private static final long MIB = 1024 * 1024;

    private ScaleFigures() {
    }

    /** Events acked per connection (min / max: none starved), send → ack of every event, the slowest connection. */
    static String acks(List<SimulatedAgent> agents) {
        long min = agents.stream().mapToLong(agent -> agent.tally().acked() - 1).min().orElse(0);
        long max = agents.stream().mapToLong(agent -> agent.tally().acked() - 1).max().orElse(0);
        List<Long> all = agents.stream().flatMap(agent -> millis(agent).stream()).toList();
        long slowest = agents.stream().map(ScaleFigures::millis).filter(list -> !list.isEmpty())
                .mapToLong(list -> Millis.rank(list.stream().sorted().toList(), 99)).max().orElse(0);
        return "events acked per connection min " + min + " / max " + max + "; ack send -> ack "
                + Millis.percentiles(all) + ", slowest connection's p99 " + slowest + " ms";
    }

    private static List<Long> millis(SimulatedAgent agent) {
        return agent.tally().latencyMicros(2).stream().map(micros -> micros / 1_000).toList();
    }

    /** The control plane's CPU time over the load window and per stored event. */
    static String cpu(long cpuNanos, long windowNanos, long storedEvents) {
        if (cpuNanos < 0 || storedEvents == 0) {
            return "control plane CPU n/a";
        }
        return String.format(Locale.ROOT,
                "control plane CPU %.1f s in %.1f s (%.0f%% of one core), %.0f us per stored event", cpuNanos / 1e9,
                windowNanos / 1e9, 100.0 * cpuNanos / windowNanos, cpuNanos / 1e3 / storedEvents);
    }

    /** Peak heap from the GC log (the heap now if higher), the most held right after a collection, the limit. */
    static String heap(GcLog gc, long heapNowBytes) {
        long peak = Math.max(gc.peakBeforeBytes(), heapNowBytes);
        return "control plane heap peak " + peak / MIB + " MiB in use (" + gc.collections() + " collections, at most "
                + gc.peakAfterBytes() / MIB + " MiB right after one, " + gc.peakCommittedBytes() / MIB
                + " MiB committed, -Xmx" + ServerProcess.MAX_HEAP_MIB + "m)";
    }
}
