package dev.agentcommander.agentd.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The agentd version, from the build-generated {@code version.properties}. Stateless. */
public final class AgentdVersion {
    private static final String RESOURCE = "/dev/agentcommander/agentd/version.properties";

    private AgentdVersion() {
    }

    public static String current() {
        try (InputStream in = AgentdVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
