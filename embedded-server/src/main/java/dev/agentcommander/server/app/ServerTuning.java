package dev.agentcommander.server.app;

import java.time.Duration;
import java.util.Objects;

/**
 * Timings of the control plane that tests shorten; {@link #DEFAULTS} is what production runs with.
 *
 * @param commandDeadline how long a command may stay queued for an offline host before it expires
 * @param sweepInterval how often queued commands are checked against their deadline
 * @param hostFeedInterval how often coalesced host progress (last_acked_seq) is pushed to {@code hosts} subscribers
 */
public record ServerTuning(Duration commandDeadline, Duration sweepInterval, Duration hostFeedInterval) {
    public static final ServerTuning DEFAULTS =
            new ServerTuning(Duration.ofMinutes(10), Duration.ofSeconds(15), Duration.ofSeconds(1));

    public ServerTuning {
        positive(commandDeadline, "commandDeadline");
        positive(sweepInterval, "sweepInterval");
        positive(hostFeedInterval, "hostFeedInterval");
    }

    public ServerTuning withCommandDeadline(Duration deadline, Duration sweep) {
        return new ServerTuning(deadline, sweep, hostFeedInterval);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException(name + " must be positive, was " + value);
        }
    }
}
