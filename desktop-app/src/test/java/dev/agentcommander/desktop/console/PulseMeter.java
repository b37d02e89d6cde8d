package dev.agentcommander.desktop.console;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;

/**
 * The gaps between FX pulses while it runs (an AnimationTimer asks for a pulse every frame), for benchmarks: a gap
 * is how long the FX thread kept the window from being redrawn. Start and stop on the FX thread.
 */
public final class PulseMeter extends AnimationTimer {
    private final List<Long> gaps = new ArrayList<>();
    private long last;

    @Override
    public void handle(long now) {
        if (last != 0) {
            gaps.add((now - last) / 1000);
        }
        last = now;
    }

    /** The gaps so far in microseconds, sorted. */
    public List<Long> gapsMicros() {
        return gaps.stream().sorted().toList();
    }
}
