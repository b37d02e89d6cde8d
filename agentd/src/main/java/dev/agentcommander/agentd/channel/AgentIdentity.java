package dev.agentcommander.agentd.channel;

import java.nio.file.Path;
import java.util.List;

/**
 * What agentd tells the control plane about itself in every {@code agent.hello}: its version and the absolute
 * directories others may spawn sessions and jobs in ({@code workspaces.allowed_roots}).
 */
public record AgentIdentity(String version, List<String> allowedRoots) {
    public AgentIdentity {
        allowedRoots = List.copyOf(allowedRoots);
    }

    /** A version without roots (tests, tools that spawn nothing). */
    public static AgentIdentity of(String version) {
        return new AgentIdentity(version, List.of());
    }

    public static AgentIdentity of(String version, List<Path> allowedRoots) {
        return new AgentIdentity(version, allowedRoots.stream().map(Path::toString).toList());
    }
}
