package dev.agentcommander.desktop.window;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code window.json} in the data dir: the window's layout on this machine. A missing or unreadable file means
 * no saved layout (logged), never a failed start. Writes are atomic. Loaded on the UI thread at start (the file is
 * tiny); saved off it ({@link DebouncedSave}). Stateless apart from its path, so thread-safe.
 */
public final class WindowLayoutStore {
    private static final Logger LOG = LoggerFactory.getLogger(WindowLayoutStore.class);

    private final Path file;
    private final ObjectMapper json;

    public WindowLayoutStore(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    public Path file() {
        return file;
    }

    public Optional<WindowLayout> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), WindowLayout.class));
        } catch (IOException e) {
            LOG.warn("Ignoring the unreadable {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    public void save(WindowLayout layout) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(temp.toFile(), layout);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Cannot save the window layout to {}: {}", file, e.getMessage());
        }
    }
}
