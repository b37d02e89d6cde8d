package dev.agentcommander.desktop.client;

import java.time.Duration;

/** Reconnect delays: doubling from {@code first} up to {@code max}. Immutable. */
public record Backoff(Duration first, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** Delay before attempt number {@code failures + 1}. */
    public Duration delay(int failures) {
        Duration delay = first;
        for (int i = 0; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
