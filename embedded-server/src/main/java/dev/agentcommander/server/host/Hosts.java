package dev.agentcommander.server.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.server.api.ConflictException;
import dev.agentcommander.server.api.Cursor;
import dev.agentcommander.server.api.Page;
import dev.agentcommander.server.api.NotFoundException;
import dev.agentcommander.server.bus.ChangeBus;
import dev.agentcommander.server.db.JsonColumns;
import dev.agentcommander.server.db.SqlStates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * Creates and lists hosts and records what their agentd says in its hello; online state comes from the live agent
 * connections. Thread-safe.
 */
public final class Hosts {
    private final Jdbi jdbi;
    private final Clock clock;
    private final Predicate<String> online;
    private final ChangeBus<HostRow> changes;
    private final ObjectMapper mapper;

    /** @param changes told every created host */
    public Hosts(Jdbi jdbi, Clock clock, Predicate<String> online, ChangeBus<HostRow> changes, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.online = online;
        this.changes = changes;
        this.mapper = mapper;
    }

    /** @throws ConflictException when a host of that name exists */
    public HostRow create(String name) {
        String hostId = UUID.randomUUID().toString();
        try {
            jdbi.useExtension(HostDao.class, dao -> dao.insert(hostId, name, clock.instant()));
        } catch (RuntimeException e) {
            if (SqlStates.isUniqueViolation(e)) {
                throw new ConflictException("a host named '" + name + "' already exists");
            }
            throw e;
        }
        HostRow created = require(hostId);
        changes.publish(List.of(created));
        return created;
    }

    public List<HostRow> list() {
        return jdbi.withExtension(HostDao.class, HostDao::list).stream()
                .map(this::toRow)
                .toList();
    }

    /** One page of hosts by name after {@code afterName} (null = from the start); {@code next} when full. */
    public Page<HostRow> page(String afterName, int limit) {
        List<HostRow> rows = jdbi.withExtension(HostDao.class, dao -> dao.page(afterName, limit)).stream()
                .map(this::toRow)
                .toList();
        String next = rows.size() == limit ? new Cursor(null, rows.get(rows.size() - 1).name()).encode() : null;
        return new Page<>(rows, next);
    }

    /** @throws NotFoundException when there is no such host */
    public HostRow require(String hostId) {
        return jdbi.withExtension(HostDao.class, dao -> dao.find(hostId))
                .map(this::toRow)
                .orElseThrow(() -> new NotFoundException("no host " + hostId));
    }

    /** Stores the agent version and allowed roots of the host's hello; the caller publishes the change. */
    public void recordAgent(String hostId, String agentVersion, List<String> allowedRoots) {
        String roots = JsonColumns.write(mapper, allowedRoots);
        jdbi.useExtension(HostDao.class, dao -> dao.recordAgent(hostId, agentVersion, roots));
    }

    private HostRow toRow(StoredHost host) {
        return new HostRow(host.hostId(), host.name(), online.test(host.hostId()), host.lastSeen(),
                host.lastAckedSeq(), host.createdAt(), host.agentVersion(), roots(host.allowedRoots()));
    }

    private List<String> roots(String stored) {
        JsonNode json = JsonColumns.read(mapper, stored);
        List<String> roots = new ArrayList<>();
        if (json != null && json.isArray()) {
            json.forEach(root -> roots.add(root.asText()));
        }
        return roots;
    }
}
