package dev.agentcommander.desktop.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How a session's terminal shows a pane that has closed: the last screen it kept and when that screen was current,
 * or none ({@code screenAsOf} null: nobody watched the pane, so the control plane never captured it).
 */
public record ClosedPane(Instant screenAsOf) {
    public static final String NOT_KEPT = "This pane closed before anyone watched it, so its screen was not kept";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", Locale.ENGLISH);

    public boolean screenKept() {
        return screenAsOf != null;
    }

    /** The banner over the terminal, with the time in {@code zone}. */
    public String banner(ZoneId zone) {
        return screenKept() ? "This pane has closed — its last screen as of " + TIME.format(screenAsOf.atZone(zone))
                : NOT_KEPT;
    }
}
