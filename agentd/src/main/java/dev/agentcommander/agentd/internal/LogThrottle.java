package dev.agentcommander.agentd.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Lets a repeating warning through at most once per interval and counts the ones held back, so a loop that
 * fails every second (tmux gone, control plane down) does not flood the log. Thread-safe.
 */
public final class LogThrottle {
    private final Logger log;
    private final Duration interval;
    private final Clock clock;
    private Instant lastLogged;
    private int suppressed;

    public LogThrottle(Logger log, Duration interval) {
        this(log, interval, Clock.systemUTC());
    }

    public LogThrottle(Logger log, Duration interval, Clock clock) {
        this.log = log;
        this.interval = interval;
        this.clock = clock;
    }

    /** Logs at WARN unless one was logged less than an interval ago; a trailing Throwable argument is logged too. */
    public void warn(String format, Object... args) {
        int held;
        synchronized (this) {
            Instant now = clock.instant();
            if (lastLogged != null && now.isBefore(lastLogged.plus(interval))) {
                suppressed++;
                return;
            }
            lastLogged = now;
            held = suppressed;
            suppressed = 0;
        }
        if (held > 0) {
            log.warn("(repeated {} more times since the last report)", held);
        }
        log.warn(format, args);
    }

    /** The problem is over: the next warning is logged at once. */
    public synchronized void reset() {
        lastLogged = null;
        suppressed = 0;
    }
}
