package dev.agentcommander.chaos.scenario;

import dev.agentcommander.chaos.verify.DeliveryCount;
import java.io.PrintStream;
import java.util.List;

/** What one scenario run saw; {@code problems} lists every failed check besides the delivery counts. */
public record ScenarioResult(String name, String load, String faults, DeliveryCount delivery, String recovery,
                             long heapBytes, List<String> problems) {
    public ScenarioResult {
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return delivery.clean() && problems.isEmpty();
    }

    public void print(PrintStream out) {
        out.printf("== %s%n", name);
        out.printf("  load          %s%n", load);
        out.printf("  faults        %s%n", faults);
        out.printf("  answered      %d hooks (plus %d in doubt: request cut by a kill), %d stored%n",
                delivery.answered(), delivery.inDoubt(), delivery.stored());
        out.printf("  lost          %d%n", delivery.lost());
        out.printf("  duplicated    %d%n", delivery.duplicated());
        out.printf("  out of order  %d%n", delivery.outOfOrder());
        out.printf("  recovery      %s%n", recovery);
        out.printf("  heap          %s%n", heapBytes < 0 ? "n/a" : (heapBytes / (1024 * 1024)) + " MiB (control plane, at the end)");
        problems.forEach(problem -> out.printf("  problem       %s%n", problem));
        out.printf("%s %s%n", passed() ? "PASS" : "FAIL", name);
    }
}
