package dev.agentcommander.chaos.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Approval decisions against what the waiting hooks answered: {@code expected} decisions the control plane accepted,
 * {@code delivered} those a hook answered with, {@code lost} those no hook answered with (or a hook answered another
 * one), {@code doubled} decisions accepted where one had been already (two winners of a race, or a decision after the
 * approval closed). Owned by one thread.
 */
public final class DecisionCount {
    private long expected;
    private long delivered;
    private long lost;
    private long doubled;
    private final List<String> problems = new ArrayList<>();

    /** One accepted decision, {@code wanted}, and what its hook answered ({@code answered}; empty: no decision). */
    public void accepted(String wanted, Optional<String> answered, String what) {
        expected++;
        if (answered.isPresent() && answered.get().equals(wanted)) {
            delivered++;
        } else {
            lost++;
            problems.add(what + ": decided " + wanted + ", the hook answered " + answered.orElse("no decision"));
        }
    }

    /** One accepted decision whose hook failed or never answered. */
    public void unanswered(String what, String why) {
        expected++;
        lost++;
        problems.add(what + ": " + why);
    }

    /** A decision the control plane should have refused (409) but accepted. */
    public void doubled(String what) {
        doubled++;
        problems.add(what + ": a second decision was accepted");
    }

    public void problem(String problem) {
        problems.add(problem);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** As the scenario result's delivery line: answered = decisions accepted, stored = decisions delivered. */
    public DeliveryCount asDelivery() {
        return new DeliveryCount(expected, 0, delivered, lost, doubled, 0);
    }

    public String summary() {
        return expected + " decisions accepted: " + delivered + " delivered, " + lost + " lost, " + doubled
                + " doubled";
    }
}
