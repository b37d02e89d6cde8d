package dev.agentcommander.agentd.config;

/**
 * An unusable agentd configuration. The message names the key and what is wrong, e.g.
 * {@code tmux.poll_interval_ms: must be >= 100, was 5}.
 */
public final class ConfigException extends RuntimeException {
    /** The key of problems with the file as a whole (missing, not YAML). */
    public static final String WHOLE_FILE = "$";

    private final String key;

    public ConfigException(String key, String problem) {
        super(message(key, problem));
        this.key = key;
    }

    public ConfigException(String key, String problem, Throwable cause) {
        super(message(key, problem), cause);
        this.key = key;
    }

    private static String message(String key, String problem) {
        return WHOLE_FILE.equals(key) ? problem : key + ": " + problem;
    }

    /** The dotted config key concerned ({@code control_plane.urls}), or {@code $} for the file as a whole. */
    public String key() {
        return key;
    }
}
