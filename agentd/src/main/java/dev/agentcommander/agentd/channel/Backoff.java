package dev.agentcommander.agentd.channel;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the n-th delay is uniform in [0, min(max, initial * 2^n)], so many agents
 * that lost the same control plane do not reconnect in lockstep. Confined to the link thread.
 */
final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private final RandomGenerator random;
    private int attempt;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialMs = initial.toMillis();
        this.maxMs = max.toMillis();
        this.random = random;
    }

    Duration next() {
        long cap = attempt >= 30 ? maxMs : Math.min(maxMs, initialMs << attempt);
        attempt++;
        return Duration.ofMillis(random.nextLong(cap + 1));
    }

    void reset() {
        attempt = 0;
    }
}
