package dev.agentcommander.server.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.ApprovalStatus;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.ui.SessionFilter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays changes between nodes: local changes go out through the notifier; another node's notification is
 * re-read from the database and delivered to the local buses, queued commands and decisions for hosts whose
 * agent is connected here are sent to it. Thread-safe; inbound work runs on the cluster's inbound thread.
 */
final class ClusterRelay {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRelay.class);
    /** Notifications are lost from a little before the listener noticed its connection was gone. */
    private static final Duration RESYNC_SLACK = Duration.ofMinutes(1);

    private final String nodeId;
    private final TeamFeeds feeds;
    private final TeamReaders readers;
    private final NodePresence presence;
    private final ObjectMapper mapper;
    private final ClusterConsoles consoles;

    ClusterRelay(String nodeId, TeamFeeds feeds, TeamReaders readers, NodePresence presence, ObjectMapper mapper,
            ClusterConsoles consoles) {
        this.consoles = consoles;
        this.nodeId = nodeId;
        this.feeds = feeds;
        this.readers = readers;
        this.presence = presence;
        this.mapper = mapper;
    }

    /** From now on, local changes are also sent to the other nodes. */
    void forwardTo(PgNotifier notifier) {
        feeds.sessions().forwardTo(rows -> notifier.send(ChangeKind.SESSION,
                rows.stream().map(SessionRow::sessionId).toList()));
        feeds.approvals().forwardTo(rows -> notifier.send(ChangeKind.APPROVAL,
                rows.stream().map(ApprovalRow::approvalId).toList()));
        feeds.eventSessions().forwardTo(ids -> notifier.send(ChangeKind.EVENT, ids));
        feeds.hosts().forwardTo(rows -> notifier.send(ChangeKind.HOST, rows.stream().map(HostRow::hostId).toList()));
        feeds.queuedCommands().forwardTo(ids -> notifier.send(ChangeKind.COMMAND, ids));
        feeds.revokedTokens().forwardTo(ids -> notifier.send(ChangeKind.REVOKED_TOKEN, ids));
    }

    /** One notification payload; our own and unreadable ones are ignored. */
    void received(String payload) {
        Notification notification;
        try {
            notification = mapper.readValue(payload, Notification.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("unreadable team notification ignored: {}", e.toString());
            return;
        }
        if (nodeId.equals(notification.node()) || notification.ids() == null || notification.kind() == null) {
            return;
        }
        List<String> ids = notification.ids();
        switch (notification.kind()) {
            case SESSION -> feeds.sessions().deliver(readers.sessions().read(ids));
            case EVENT -> feeds.eventSessions().deliver(ids);
            case APPROVAL -> approvals(readers.approvals().read(ids));
            case HOST -> hosts(ids);
            case COMMAND -> ids.stream().filter(readers.local()::online).forEach(readers.commands()::dispatchQueued);
            case REVOKED_TOKEN -> feeds.revokedTokens().deliver(ids);
            case CONSOLE -> consoles.received(notification.node(), notification.console());
            default -> LOG.debug("notification of kind {} ignored", notification.kind());
        }
    }

    /**
     * After lost notifications: re-deliver what may have changed since {@code lostAt}, send what waits here and
     * close sockets whose token was revoked meanwhile.
     */
    void resync(Instant lostAt) {
        Instant since = lostAt.minus(RESYNC_SLACK);
        presence.refresh();
        List<HostRow> hosts = readers.hosts().list();
        feeds.hosts().deliver(hosts);
        List<SessionRow> sessions = readers.sessions().list(SessionFilter.ALL);
        feeds.sessions().deliver(sessions);
        feeds.eventSessions().deliver(sessions.stream().map(SessionRow::sessionId).toList());
        feeds.approvals().deliver(readers.approvals().changedSince(since));
        feeds.revokedTokens().deliver(readers.local().openTokenIds().stream()
                .filter(readers.hostTokens()::revoked).toList());
        for (HostRow host : hosts) {
            if (readers.local().online(host.hostId())) {
                readers.commands().dispatchQueued(host.hostId());
                readers.approvals().redeliver(host.hostId());
            }
        }
    }

    /** The heartbeat found hosts that went online or offline on other nodes (e.g. one died). */
    void presenceChanged(Set<String> hostIds) {
        feeds.hosts().deliver(read(hostIds));
    }

    private void approvals(List<ApprovalRow> rows) {
        feeds.approvals().deliver(rows);
        Set<String> decidedHere = new LinkedHashSet<>();
        for (ApprovalRow row : rows) {
            boolean decided = row.status() == ApprovalStatus.ALLOWED || row.status() == ApprovalStatus.DENIED;
            if (decided && readers.local().online(row.hostId())) {
                decidedHere.add(row.hostId());
            }
        }
        decidedHere.forEach(readers.approvals()::redeliver);
    }

    /** The notified hosts, and any whose hold changed meanwhile without a word (a node died). */
    private void hosts(List<String> hostIds) {
        Set<String> changed = new LinkedHashSet<>(hostIds);
        changed.addAll(presence.refresh());
        feeds.hosts().deliver(read(changed));
    }

    private List<HostRow> read(Iterable<String> hostIds) {
        List<HostRow> rows = new ArrayList<>();
        for (String hostId : hostIds) {
            try {
                rows.add(readers.hosts().require(hostId));
            } catch (RuntimeException e) {
                LOG.debug("host {} not relayed: {}", hostId, e.toString());
            }
        }
        return rows;
    }
}
