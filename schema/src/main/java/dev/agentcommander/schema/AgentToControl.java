package dev.agentcommander.schema;

/** Sent by agentd on the agent WebSocket. */
public interface AgentToControl extends Message {
}
