package dev.agentcommander.desktop.timeline;

import java.time.Instant;

/**
 * One line of a session's timeline as a person reads it: what kind of thing happened, a title, and details
 * (a command's output, a message) that may be long. {@code eventId} orders entries.
 */
public record TimelineEntry(long eventId, Instant at, Kind kind, String title, String detail) {
    /** Decides the icon and colour. */
    public enum Kind { STATUS, HOOK, COMMAND, APPROVAL, CODEX, INPUT, ERROR, OTHER }
}
