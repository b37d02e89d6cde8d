package dev.agentcommander.agentd.discovery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.internal.DurableFiles;
import dev.agentcommander.schema.model.SessionRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions the control plane may believe alive, kept in {@code <state_dir>/sessions.json}: a session is added
 * before its first row is queued and removed after its {@code gone} row is, so after a restart (even a crash)
 * agentd can report {@code gone} for panes that vanished while it was down. Confined to the discovery thread.
 */
final class KnownSessions {
    static final String FILE = "sessions.json";
    private static final Logger LOG = LoggerFactory.getLogger(KnownSessions.class);

    private final Path file;
    private final ObjectMapper mapper;
    private Set<String> ids;

    KnownSessions(Path stateDir, ObjectMapper mapper) {
        this.file = stateDir.resolve(FILE);
        this.mapper = mapper;
        this.ids = Set.of();
    }

    /** The rows saved by the previous run; empty (with a warning) if the file is unreadable. */
    List<SessionRow> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<SessionRow> rows = mapper.readValue(file.toFile(), new TypeReference<List<SessionRow>>() { });
            ids = rows.stream().map(SessionRow::sessionId).collect(Collectors.toUnmodifiableSet());
            return rows;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read {} (sessions that vanished while agentd was down stay listed until they are "
                    + "cleaned up)", file, e);
            return List.of();
        }
    }

    boolean containsAll(Collection<String> sessionIds) {
        return ids.containsAll(sessionIds);
    }

    boolean sameIds(Collection<String> sessionIds) {
        return ids.size() == sessionIds.size() && ids.containsAll(sessionIds);
    }

    void save(List<SessionRow> rows) throws IOException {
        DurableFiles.write(file, mapper.writeValueAsString(rows));
        ids = rows.stream().map(SessionRow::sessionId).collect(Collectors.toUnmodifiableSet());
    }
}
