package dev.agentcommander.desktop.solo;

import java.nio.file.Path;
import java.util.Map;

/** Where solo mode keeps its state: {@code --data-dir}, else the XDG data dir. */
public final class DataDir {
    private DataDir() {
    }

    public static Path resolve(Path explicit) {
        return resolve(explicit, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path resolve(Path explicit, Map<String, String> env, Path home) {
        if (explicit != null) {
            return explicit.toAbsolutePath().normalize();
        }
        String xdg = env.get("XDG_DATA_HOME");
        // The XDG spec says to ignore a relative XDG_DATA_HOME.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg).resolve("agent-commander").normalize();
        }
        return home.resolve(".local").resolve("share").resolve("agent-commander").toAbsolutePath().normalize();
    }
}
