package dev.agentcommander.agentd.channel;

/** A stored durable message: its seq and the encoded envelope, ready to send as is. */
public record OutboxEntry(long seq, String frame) {
}
