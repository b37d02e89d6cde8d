package dev.agentcommander.agentd.config;

import java.nio.file.Path;

/** Where agentd keeps its outbox, stream id and other state. */
public record StorageConfig(Path stateDir) {
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/agentd");

    public StorageConfig {
        if (stateDir == null) {
            throw new ConfigException("storage.state_dir", "required");
        }
    }
}
