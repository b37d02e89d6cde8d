package dev.agentcommander.agentd.doctor;

import java.util.Objects;

/**
 * The outcome of one doctor check: {@code ok} with what was found, a {@code PROBLEM} with its one-line fix, or
 * {@code skipped} with the reason. {@link #line()} is what {@code agentd doctor} prints.
 */
public record CheckResult(Outcome outcome, String check, String detail, String fix) {
    /** What a check found. */
    public enum Outcome {
        OK("ok"), PROBLEM("PROBLEM"), SKIPPED("skipped");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    public CheckResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(detail, "detail");
        if (outcome == Outcome.PROBLEM && (fix == null || fix.isBlank())) {
            throw new IllegalArgumentException("a problem needs a fix: " + check + ": " + detail);
        }
    }

    public static CheckResult ok(String check, String detail) {
        return new CheckResult(Outcome.OK, check, detail, null);
    }

    public static CheckResult problem(String check, String detail, String fix) {
        return new CheckResult(Outcome.PROBLEM, check, detail, fix);
    }

    public static CheckResult skipped(String check, String why) {
        return new CheckResult(Outcome.SKIPPED, check, why, null);
    }

    public boolean isProblem() {
        return outcome == Outcome.PROBLEM;
    }

    /** E.g. {@code PROBLEM  tmux socket: /tmp/tmux-0/default does not exist — fix: start tmux as this user}. */
    public String line() {
        String head = String.format("%-9s%s: %s", outcome.label, check, detail);
        return outcome == Outcome.PROBLEM ? head + " — fix: " + fix : head;
    }
}
