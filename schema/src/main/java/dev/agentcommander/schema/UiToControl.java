package dev.agentcommander.schema;

/** Sent by a UI client on the UI WebSocket. */
public interface UiToControl extends Message {
}
