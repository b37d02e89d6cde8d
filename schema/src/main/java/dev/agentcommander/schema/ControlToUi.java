package dev.agentcommander.schema;

/** Sent by the control plane on the UI WebSocket. */
public interface ControlToUi extends Message {
}
