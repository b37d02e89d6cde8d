package dev.agentcommander.server.testing;

import java.nio.file.Path;

/** The database engines every DB test runs on. */
public enum Engine {
    H2,
    POSTGRESQL;

    /** A URL of an empty database of this engine. */
    public String newDatabaseUrl(Path dir) {
        return switch (this) {
            case H2 -> "jdbc:h2:file:" + dir.resolve("agent-commander");
            case POSTGRESQL -> SharedPostgres.newDatabase();
        };
    }
}
