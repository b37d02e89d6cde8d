package dev.agentcommander.schema.model;

/**
 * Git state of a session's working directory; null fields are unknown. {@code ahead} / {@code behind}: commits the
 * branch has that its upstream has not, and the other way round; null when the branch has no upstream.
 */
public record GitInfo(String repo, String branch, Boolean dirty, Integer ahead, Integer behind) {
    /** Without an upstream comparison. */
    public GitInfo(String repo, String branch, Boolean dirty) {
        this(repo, branch, dirty, null, null);
    }
}
