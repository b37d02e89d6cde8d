package dev.agentcommander.chaos.scenario;

import java.util.List;

/** Short summaries of measured times. */
final class Millis {
    private Millis() {
    }

    static String summary(List<Long> values) {
        if (values.isEmpty()) {
            return "none";
        }
        List<Long> sorted = values.stream().sorted().toList();
        return "min " + sorted.get(0) + " ms, median " + sorted.get(sorted.size() / 2) + " ms, max "
                + sorted.get(sorted.size() - 1) + " ms (n=" + sorted.size() + ")";
    }

    /** p50, p99 and max (nearest rank), with n. */
    static String percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return "none";
        }
        List<Long> sorted = values.stream().sorted().toList();
        return "p50 " + rank(sorted, 50) + " ms, p99 " + rank(sorted, 99) + " ms, max " + sorted.get(sorted.size() - 1)
                + " ms (n=" + sorted.size() + ")";
    }

    /** The value at {@code percent} of the sorted values, nearest rank. */
    static long rank(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
