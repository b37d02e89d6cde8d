package dev.agentcommander.server.cluster;

import java.util.List;

/**
 * The payload of one {@code pg_notify}: who sent it, what kind of change, which ids, or for {@code CONSOLE} one console
 * note (kept under 8000 bytes).
 */
record Notification(String node, ChangeKind kind, List<String> ids, ConsoleNote console) {
}
