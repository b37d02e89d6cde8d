package dev.agentcommander.desktop.console;

import java.util.List;

/** Percentiles of sorted microsecond samples, and their printed line, for the desktop benchmarks. */
public final class Percentiles {
    private Percentiles() {
    }

    public static double of(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** {@code what  p50 … ms  p99 … ms  max … ms  (n=…)} */
    public static void print(String what, List<Long> sorted) {
        System.out.printf("  %-44s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (n=%d)%n", what,
                of(sorted, 0.5) / 1000.0, of(sorted, 0.99) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0,
                sorted.size());
    }
}
