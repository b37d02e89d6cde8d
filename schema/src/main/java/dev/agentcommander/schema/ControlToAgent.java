package dev.agentcommander.schema;

/** Sent by the control plane on the agent WebSocket. */
public interface ControlToAgent extends Message {
}
