package dev.agentcommander.agentd.channel;

import dev.agentcommander.schema.agent.ApprovalDecision;

/** Takes a person's decision on an approval this agentd asked for. */
@FunctionalInterface
public interface DecisionHandler {
    /** Called on the link's receiving thread: must not block. */
    void decide(ApprovalDecision decision);
}
