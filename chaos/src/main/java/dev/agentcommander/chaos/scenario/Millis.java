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
}
