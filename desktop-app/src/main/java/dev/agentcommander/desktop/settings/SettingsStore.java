package dev.agentcommander.desktop.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.desktop.solo.PrivateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code settings.json} in {@code $XDG_CONFIG_HOME/agent-commander} (else {@code ~/.config/agent-commander}). A
 * missing or unreadable file means the defaults (logged), never a failed start; writes are atomic and the file is
 * readable by this user only (mode 600), since a team database URL may carry a password. The current
 * settings are a property the screens follow. UI thread (the file is tiny).
 */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;
    private final ObjectMapper json;
    private final ObjectProperty<Settings> current = new SimpleObjectProperty<>(this, "settings", Settings.DEFAULTS);

    public SettingsStore(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
        current.set(load());
    }

    /** The config dir's settings file for this environment. */
    public static Path fileFor(Map<String, String> environment, Path home) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        // The XDG spec says to ignore a relative XDG_CONFIG_HOME.
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("agent-commander").resolve("settings.json");
    }

    public ObjectProperty<Settings> currentProperty() {
        return current;
    }

    public Settings current() {
        return current.get();
    }

    public Path file() {
        return file;
    }

    /** Keeps {@code settings} and makes them current; a failed write is logged and the settings still apply. */
    public void save(Settings settings) {
        current.set(settings);
        try {
            // Mode 600: a team database URL may carry its password.
            PrivateFile.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(settings));
        } catch (IOException e) {
            LOG.warn("Cannot save the settings to {}: {}", file, e.getMessage());
        }
    }

    private Settings load() {
        if (!Files.exists(file)) {
            return Settings.DEFAULTS;
        }
        try {
            return json.readValue(file.toFile(), Settings.class);
        } catch (IOException e) {
            LOG.warn("Ignoring the unreadable {}: {}", file, e.getMessage());
            return Settings.DEFAULTS;
        }
    }
}
