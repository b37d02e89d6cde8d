package dev.agentcommander.schema.agent;

import dev.agentcommander.schema.AgentToControl;
import dev.agentcommander.schema.MissingFieldException;
import dev.agentcommander.schema.Require;
import java.util.List;

/**
 * Sent once per connection, after the resend of unacked messages. {@code host_id} is optional (the control
 * plane knows the host from its token); when present it must match. {@code allowed_roots} are the absolute
 * directories this agentd lets others spawn sessions and jobs in (its {@code workspaces.allowed_roots}); absent
 * means none are reported. The limits keep what the control plane stores per host small and alike on every engine.
 */
public record AgentHello(String hostId, String agentVersion, Resume resume, List<String> allowedRoots)
        implements AgentToControl {
    public static final int MAX_VERSION_LENGTH = 64;
    public static final int MAX_ALLOWED_ROOTS = 64;
    public static final int MAX_ROOT_LENGTH = 4096;

    public AgentHello {
        Require.atMost(Require.text(agentVersion, "agent_version"), MAX_VERSION_LENGTH, "agent_version");
        Require.present(resume, "resume");
        allowedRoots = allowedRoots == null ? List.of() : checkedRoots(allowedRoots);
    }

    public AgentHello(String hostId, String agentVersion, Resume resume) {
        this(hostId, agentVersion, resume, List.of());
    }

    private static List<String> checkedRoots(List<String> roots) {
        if (roots.size() > MAX_ALLOWED_ROOTS) {
            throw new MissingFieldException("allowed_roots", "at most " + MAX_ALLOWED_ROOTS + " roots, was "
                    + roots.size());
        }
        for (int i = 0; i < roots.size(); i++) {
            String field = "allowed_roots[" + i + "]";
            Require.atMost(Require.text(roots.get(i), field), MAX_ROOT_LENGTH, field);
        }
        return List.copyOf(roots);
    }

    /** The highest seq agentd has seen acked. */
    public record Resume(Long lastAckedSeq) {
        public Resume {
            Require.notNegative(lastAckedSeq, "last_acked_seq");
        }
    }
}
