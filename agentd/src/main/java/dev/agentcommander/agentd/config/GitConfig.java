package dev.agentcommander.agentd.config;

/** How long git metadata (repo, branch, dirty) of a working directory is cached. */
public record GitConfig(long metadataTtlMs) {
    public static final long DEFAULT_METADATA_TTL_MS = 5000;

    public GitConfig {
        if (metadataTtlMs < 0) {
            throw new ConfigException("git.metadata_ttl_ms", "must be >= 0, was " + metadataTtlMs);
        }
    }

    public static GitConfig defaults() {
        return new GitConfig(DEFAULT_METADATA_TTL_MS);
    }
}
