package dev.agentcommander.agentd.testing.realclients;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the real {@code claude} and {@code codex} CLIs are: the agentd build installs them from npm into
 * {@code agentd/target/real-clients} (exec-maven-plugin, versions pinned in agentd's pom) and passes the bin dir as the
 * system property {@value #BIN_PROPERTY}. A test that needs them fails, never skips, when they are missing.
 */
public final class RealClients {
    static final String BIN_PROPERTY = "agentcommander.realClientsBin";

    private RealClients() {
    }

    public static Path claude() {
        return bin("claude");
    }

    public static Path codex() {
        return bin("codex");
    }

    private static Path bin(String name) {
        String dir = System.getProperty(BIN_PROPERTY);
        if (dir == null) {
            throw new AssertionError("system property " + BIN_PROPERTY + " is not set: run the tests through Maven "
                    + "(mvn -pl agentd test), which installs the real CLIs with npm");
        }
        Path binary = Path.of(dir, name);
        if (!Files.isExecutable(binary)) {
            throw new AssertionError(binary + " is missing: the agentd build installs it with `npm install` "
                    + "(needs node and npm; see .ci/run); run `mvn -pl agentd generate-test-resources` again");
        }
        return binary;
    }
}
