package dev.agentcommander.desktop.sessions;

import java.time.Duration;
import java.time.Instant;

/** "12s ago", "5m ago", "3h ago", "2d ago": how long ago something happened, coarse enough to scan. */
public final class RelativeTime {
    public static final String UNKNOWN = "—";

    private RelativeTime() {
    }

    public static String format(Instant then, Instant now) {
        if (then == null) {
            return UNKNOWN;
        }
        long seconds = Duration.between(then, now).getSeconds();
        if (seconds < 5) {
            // Includes small clock skew between machines (a time slightly in the future).
            return "just now";
        }
        if (seconds < 60) {
            return seconds + "s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m ago";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "h ago";
        }
        return seconds / 86_400 + "d ago";
    }
}
