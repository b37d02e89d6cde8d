package dev.agentcommander.chaos.fleet;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the runnable jars the chaos command starts are: under the project root (the working directory by default). */
public record Jars(Path server, Path agentd) {
    public Jars {
        for (Path jar : new Path[] {server, agentd}) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run `mvn -q -o install -DskipTests` first");
            }
        }
    }

    public static Jars under(Path projectRoot) {
        return new Jars(projectRoot.resolve("embedded-server/target/agent-commander-server.jar"),
                projectRoot.resolve("agentd/target/agentd.jar"));
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
