package dev.agentcommander.schema.agent;

import dev.agentcommander.schema.AgentToControl;
import dev.agentcommander.schema.Require;

/**
 * Sent once per connection, after the resend of unacked messages. {@code host_id} is optional (the control
 * plane knows the host from its token); when present it must match.
 */
public record AgentHello(String hostId, String agentVersion, Resume resume) implements AgentToControl {
    public AgentHello {
        Require.text(agentVersion, "agent_version");
        Require.present(resume, "resume");
    }

    /** The highest seq agentd has seen acked. */
    public record Resume(Long lastAckedSeq) {
        public Resume {
            Require.notNegative(lastAckedSeq, "last_acked_seq");
        }
    }
}
