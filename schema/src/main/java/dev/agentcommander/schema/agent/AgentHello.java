package dev.agentcommander.schema.agent;

import dev.agentcommander.schema.AgentToControl;
import dev.agentcommander.schema.Require;
import java.util.List;

/**
 * Sent once per connection, after the resend of unacked messages. {@code host_id} is optional (the control
 * plane knows the host from its token); when present it must match. {@code allowed_roots} are the absolute
 * directories this agentd lets others spawn sessions and jobs in (its {@code workspaces.allowed_roots}); absent
 * means none are reported.
 */
public record AgentHello(String hostId, String agentVersion, Resume resume, List<String> allowedRoots)
        implements AgentToControl {
    public AgentHello {
        Require.text(agentVersion, "agent_version");
        Require.present(resume, "resume");
        allowedRoots = allowedRoots == null ? List.of() : List.copyOf(allowedRoots);
    }

    public AgentHello(String hostId, String agentVersion, Resume resume) {
        this(hostId, agentVersion, resume, List.of());
    }

    /** The highest seq agentd has seen acked. */
    public record Resume(Long lastAckedSeq) {
        public Resume {
            Require.notNegative(lastAckedSeq, "last_acked_seq");
        }
    }
}
