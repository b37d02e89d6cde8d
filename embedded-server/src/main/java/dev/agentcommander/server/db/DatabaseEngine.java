package dev.agentcommander.server.db;

/** The two engines one migration set serves. {@link #toString()} is the name {@code /health} reports. */
public enum DatabaseEngine {
    H2("h2"),
    POSTGRESQL("postgresql");

    private final String wireName;

    DatabaseEngine(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
