package dev.agentcommander.agentd.discovery;

import dev.agentcommander.schema.model.SessionStatus;
import java.time.Instant;
import java.util.Objects;

/** What the last Claude Code hook of a session says about its status; {@code hook} is the event name. */
public record HookSignal(SessionStatus status, boolean needsAttention, String hook, Instant at) {
    public HookSignal {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(at, "at");
    }

    String reason() {
        return "hook: " + hook + " at " + at;
    }
}
