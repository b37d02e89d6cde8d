package dev.agentcommander.chaos.abuse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * How the control plane answered each hostile input, counted per channel and outcome (a status, {@code error}, a
 * close code, {@code hang}); outcomes a hostile input must never get (a 2xx, a 5xx, a hang) are also kept as
 * samples. Thread-safe.
 */
public final class AbuseTally {
    private static final int SAMPLES = 20;

    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentSkipListMap<>();
    private final LongAdder total = new LongAdder();
    private final LongAdder unexpected = new LongAdder();
    private final List<String> samples = new CopyOnWriteArrayList<>();

    /** Records one input's outcome; {@code expected} is false for an answer the server must never give to it. */
    public void record(String channel, String attack, String outcome, boolean expected) {
        counts.computeIfAbsent(channel, c -> new ConcurrentSkipListMap<>())
                .computeIfAbsent(outcome, o -> new LongAdder()).increment();
        total.increment();
        if (!expected) {
            unexpected.increment();
            if (samples.size() < SAMPLES) {
                samples.add(channel + " " + attack + ": " + outcome);
            }
        }
    }

    public long total() {
        return total.sum();
    }

    public long unexpected() {
        return unexpected.sum();
    }

    /** Up to 20 of the unexpected outcomes, as {@code channel attack: outcome}. */
    public List<String> samples() {
        return List.copyOf(samples);
    }

    /** e.g. {@code rest {400=812, 401=300}; ui socket {error=90, close 1009=1}}. */
    public String summary() {
        return counts.entrySet().stream()
                .map(channel -> channel.getKey() + " " + channel.getValue().entrySet().stream()
                        .map(outcome -> outcome.getKey() + "=" + outcome.getValue().sum())
                        .collect(Collectors.joining(", ", "{", "}")))
                .collect(Collectors.joining("; "));
    }
}
