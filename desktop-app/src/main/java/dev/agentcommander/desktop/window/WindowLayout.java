package dev.agentcommander.desktop.window;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Where the main window was and how big, kept across restarts: its normal (not maximized) bounds, whether it was
 * maximized, and where the session view's timeline divider was (a fraction of the split's width).
 * Unknown fields are ignored so an older app reads a newer file.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WindowLayout(double x, double y, double width, double height, boolean maximized,
                           double timelineDivider) {
    public static final double DEFAULT_TIMELINE_DIVIDER = 0.72;

    public WindowLayout {
        if (!(width > 0) || !(height > 0) || !Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("no usable window bounds: " + x + "," + y + " " + width + "×" + height);
        }
        // A divider at an edge hides one side; an old or hand-edited file falls back to the default.
        timelineDivider = timelineDivider > 0.05 && timelineDivider < 0.95 ? timelineDivider : DEFAULT_TIMELINE_DIVIDER;
    }
}
