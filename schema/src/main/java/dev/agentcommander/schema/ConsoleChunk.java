package dev.agentcommander.schema;

/**
 * Live console output (never queued). {@code offset} is the byte offset of the first byte of {@code data}
 * in the pane's output stream, so a receiver sees a gap and heals it with a snapshot. {@code data} is the
 * raw bytes, base64-encoded. On the agent socket {@code subscription_id} is the agent-side console
 * subscription; on the UI socket it is the UI subscription being served.
 */
public record ConsoleChunk(String subscriptionId, String sessionId, Long offset, String data)
        implements AgentToControl, ControlToUi {
    public ConsoleChunk {
        Require.text(subscriptionId, "subscription_id");
        Require.text(sessionId, "session_id");
        Require.notNegative(offset, "offset");
        Require.present(data, "data");
    }
}
