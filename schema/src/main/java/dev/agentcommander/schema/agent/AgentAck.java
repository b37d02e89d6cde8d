package dev.agentcommander.schema.agent;

import dev.agentcommander.schema.ControlToAgent;
import dev.agentcommander.schema.Require;

/** Cumulative: every durable message with seq at most {@code seq} is stored. */
public record AgentAck(Long seq) implements ControlToAgent {
    public AgentAck {
        Require.notNegative(seq, "seq");
    }
}
