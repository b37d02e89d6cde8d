package dev.agentcommander.server.host;

/** Where a host's durable stream stands: the last stored seq and the agentd stream it belongs to. */
public record HostCursor(String hostId, long lastAckedSeq, String agentStreamId) {
}
