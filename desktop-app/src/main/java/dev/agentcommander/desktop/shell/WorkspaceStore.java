package dev.agentcommander.desktop.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code workspace.json} in the data dir: the open tabs and the grid. A missing or unreadable file is an empty
 * workspace (logged), never a failed start. Writes are atomic. Loaded on the UI thread (the file is tiny), saved
 * off it ({@link dev.agentcommander.desktop.window.DebouncedSave}). Stateless apart from its path, so thread-safe.
 */
public final class WorkspaceStore {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceStore.class);

    private final Path file;
    private final ObjectMapper json;

    public WorkspaceStore(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    public Path file() {
        return file;
    }

    public WorkspaceState load() {
        if (!Files.exists(file)) {
            return WorkspaceState.EMPTY;
        }
        try {
            return json.readValue(file.toFile(), WorkspaceState.class);
        } catch (IOException e) {
            LOG.warn("Ignoring the unreadable {}: {}", file, e.getMessage());
            return WorkspaceState.EMPTY;
        }
    }

    public void save(WorkspaceState state) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(temp.toFile(), state);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Cannot save the open tabs to {}: {}", file, e.getMessage());
        }
    }
}
