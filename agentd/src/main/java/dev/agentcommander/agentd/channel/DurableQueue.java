package dev.agentcommander.agentd.channel;

import dev.agentcommander.schema.AgentToControl;
import java.util.List;

/**
 * Where producers put durable agent→control-plane messages. When a call returns, the messages are stored and will
 * reach the control plane exactly once in seq order, across reconnects and restarts; when it throws, none of them
 * is stored.
 */
public interface DurableQueue {
    /** Stores one message and returns its seq. */
    default long append(AgentToControl message) throws OutboxException {
        return appendAll(List.of(message)).get(0);
    }

    /** Stores several messages as one unit (all or none), with consecutive seqs, returned in order. */
    List<Long> appendAll(List<? extends AgentToControl> messages) throws OutboxException;
}
