package dev.agentcommander.server.agentlink;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.agent.CommandsResult;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.ApprovalRequest;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.CommandStatus;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.server.approval.ApprovalClose;
import dev.agentcommander.server.approval.ApprovalClosed;
import dev.agentcommander.server.approval.NewApproval;
import dev.agentcommander.server.command.CommandCompletion;
import dev.agentcommander.server.command.StoredCommand;
import dev.agentcommander.server.db.JsonColumns;
import dev.agentcommander.server.event.NewEvent;
import dev.agentcommander.server.session.SessionColumns;
import dev.agentcommander.server.session.SessionOwner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the new frames of one batch into the writes of one transaction. A session row belongs to the host that first
 * stored it: rows naming another host's session are refused (the rest of the frame still applies), and an event is
 * stored only on a session of this host. {@code approval.requested} and {@code approval.closed} events also create and
 * close approval rows; {@code commands.result} completes the host's command and becomes a {@code command.completed}
 * event on its session; frames refused at the wire and refused events are parked in {@code refused_frames}. Confined
 * to the applying thread.
 */
final class BatchPlan {
    static final String COMMAND_COMPLETED = "command.completed";

    private final String hostId;
    private final String streamId;
    private final Map<String, Instant> cachedOwned;
    private final Map<String, SessionOwner> stored;
    private final Map<String, StoredCommand> commands;
    private final Instant now;
    private final WireCodec codec;

    private final Map<String, SessionRow> rows = new LinkedHashMap<>();
    private final Set<String> inserts = new LinkedHashSet<>();
    private final Map<String, Instant> owned = new HashMap<>();
    private final List<NewEvent> events = new ArrayList<>();
    private final List<ErrorMessage> errors = new ArrayList<>();
    private final List<NewApproval> approvals = new ArrayList<>();
    private final List<ApprovalClose> closes = new ArrayList<>();
    private final List<CommandCompletion> completions = new ArrayList<>();
    private final Set<String> eventSessions = new LinkedHashSet<>();
    private final List<RefusedFrame> refused = new ArrayList<>();

    /**
     * @param cachedOwned sessions already known to belong to this host (id → created_at)
     * @param stored the stored owners of the other session ids the batch names
     * @param commands the stored commands the batch's results name
     */
    BatchPlan(String hostId, String streamId, Map<String, Instant> cachedOwned, Map<String, SessionOwner> stored,
            Map<String, StoredCommand> commands, Instant now, WireCodec codec) {
        this.hostId = hostId;
        this.streamId = streamId;
        this.cachedOwned = cachedOwned;
        this.stored = stored;
        this.commands = commands;
        this.now = now;
        this.codec = codec;
    }

    /** The session ids a batch names, for the one ownership query. */
    static Set<String> sessionIds(List<Inbound> batch) {
        Set<String> ids = new LinkedHashSet<>();
        for (Inbound inbound : batch) {
            if (inbound.envelope() == null) {
                continue;
            }
            if (inbound.envelope().payload() instanceof SessionsUpsert upsert) {
                upsert.sessions().forEach(row -> ids.add(row.sessionId()));
            } else if (inbound.envelope().payload() instanceof EventsAppend event) {
                ids.add(event.sessionId());
            } else if (inbound.envelope().payload() instanceof CommandsResult result) {
                String spawned = spawnedSession(result);
                if (spawned != null) {
                    ids.add(spawned);
                }
            }
        }
        return ids;
    }

    /** The command ids a batch's results name, for the one command query. */
    static Set<String> commandIds(List<Inbound> batch) {
        Set<String> ids = new LinkedHashSet<>();
        for (Inbound inbound : batch) {
            if (inbound.envelope() != null && inbound.envelope().payload() instanceof CommandsResult result) {
                ids.add(result.commandId());
            }
        }
        return ids;
    }

    void add(Inbound inbound) {
        if (inbound.rejection() != null) {
            refuse(inbound.rejection(), inbound.text());
            return;
        }
        Envelope envelope = inbound.envelope();
        if (envelope.payload() instanceof SessionsUpsert upsert) {
            upsert(inbound.seq(), upsert);
        } else if (envelope.payload() instanceof EventsAppend event) {
            event(inbound.seq(), envelope, event);
        } else if (envelope.payload() instanceof CommandsResult result) {
            result(inbound.seq(), envelope, result);
        } else {
            throw new IllegalArgumentException("not a durable message: " + envelope.type().wireName());
        }
    }

    List<SessionColumns> inserts() {
        return rows.values().stream().filter(row -> inserts.contains(row.sessionId())).map(SessionColumns::of).toList();
    }

    List<SessionColumns> updates() {
        return rows.values().stream().filter(row -> !inserts.contains(row.sessionId())).map(SessionColumns::of).toList();
    }

    List<NewEvent> events() {
        return events;
    }

    List<NewApproval> approvals() {
        return approvals;
    }

    List<ApprovalClose> closes() {
        return closes;
    }

    List<CommandCompletion> completions() {
        return completions;
    }

    /** The frames refused as a whole (malformed, too large, an event of a session not this host's), to park. */
    List<RefusedFrame> refused() {
        return refused;
    }

    /** Records the sessions this plan inserts in {@code stored}, as owned by its host since now. */
    void claimNewSessions(Map<String, SessionOwner> stored) {
        for (String sessionId : inserts) {
            stored.put(sessionId, new SessionOwner(sessionId, hostId, now));
        }
    }

    /** The approval ids the batch created or closed. */
    Set<String> touchedApprovals() {
        Set<String> ids = new LinkedHashSet<>();
        approvals.forEach(approval -> ids.add(approval.approvalId()));
        closes.forEach(close -> ids.add(close.approvalId()));
        return ids;
    }

    Applied result(long ackSeq, List<ApprovalRow> approvalRows) {
        return new Applied(ackSeq, List.copyOf(rows.values()), List.copyOf(errors), Map.copyOf(owned),
                List.copyOf(approvalRows), Set.copyOf(eventSessions));
    }

    private void upsert(long seq, SessionsUpsert upsert) {
        List<String> notOwned = new ArrayList<>();
        for (SessionRow row : upsert.sessions()) {
            String sessionId = row.sessionId();
            Instant createdAt = ownedSince(sessionId);
            if (createdAt == null && stored.containsKey(sessionId)) {
                notOwned.add(sessionId);
                continue;
            }
            if (createdAt == null) {
                createdAt = now;
                inserts.add(sessionId);
                owned.put(sessionId, now);
            }
            rows.put(sessionId, row.withHost(hostId).withTimes(createdAt, now));
        }
        if (!notOwned.isEmpty()) {
            errors.add(new ErrorMessage("session_not_owned", "sessions " + notOwned
                    + " belong to another host and were not stored; the rest of the frame was", null, seq));
        }
    }

    /**
     * An event is stored only on a session this host stored before (an upsert earlier in this batch counts);
     * otherwise the whole frame is refused, parked and acked, so no host can fill a session another host (or nobody
     * yet) owns.
     */
    private void event(long seq, Envelope envelope, EventsAppend event) {
        String sessionId = event.sessionId();
        if (ownedSince(sessionId) == null) {
            boolean unknown = !stored.containsKey(sessionId);
            refuse(new ErrorMessage(unknown ? "unknown_session" : "session_not_owned", "event of session " + sessionId
                    + " not stored: " + (unknown ? "send its sessions.upsert first" : "it belongs to another host"),
                    null, seq), codec.encode(envelope));
            return;
        }
        events.add(new NewEvent(sessionId, hostId, event.eventType(), JsonColumns.write(codec.mapper(), event.payload()), envelope.ts()));
        eventSessions.add(sessionId);
        if (ApprovalRequest.EVENT_TYPE.equals(event.eventType())) {
            approvalRequested(seq, envelope, event);
        } else if (ApprovalClosed.EVENT_TYPE.equals(event.eventType())) {
            approvalClosed(seq, event);
        }
    }

    /** A frame refused as a whole: reported, parked in {@code refused_frames}, and acked with the batch. */
    private void refuse(ErrorMessage error, String frame) {
        errors.add(error);
        refused.add(new RefusedFrame(hostId, streamId, error.seq(), error.code(), error.message(), frame, now));
    }

    /** The event is stored either way; a request that cannot be read creates no approval and is reported. */
    private void approvalRequested(long seq, Envelope envelope, EventsAppend event) {
        try {
            ApprovalRequest request = codec.read(event.payload(), ApprovalRequest.class, "payload.payload");
            approvals.add(new NewApproval(request.approvalId(), event.sessionId(), hostId, request.toolName(),
                    request.toolInput() == null ? null : JsonColumns.write(codec.mapper(), request.toolInput()), request.cwd(), envelope.ts()));
        } catch (WireFormatException e) {
            errors.add(new ErrorMessage("bad_approval", "event stored, but no approval created: " + e.getMessage(),
                    null, seq));
        }
    }

    private void approvalClosed(long seq, EventsAppend event) {
        try {
            ApprovalClosed closed = codec.read(event.payload(), ApprovalClosed.class, "payload.payload");
            closes.add(new ApprovalClose(closed.approvalId(), hostId, closed.status().toString(), now));
        } catch (WireFormatException e) {
            errors.add(new ErrorMessage("bad_approval", "event stored, but no approval closed: " + e.getMessage(),
                    null, seq));
        }
    }

    /**
     * Completes the host's command and records {@code command.completed} on its session (for a host command: on
     * the session its result names, if this host stored it before, else session-less). A result for another host's
     * command is refused; one for an unknown command is kept as a session-less event.
     */
    private void result(long seq, Envelope envelope, CommandsResult result) {
        StoredCommand command = commands.get(result.commandId());
        if (command != null && !command.hostId().equals(hostId)) {
            errors.add(new ErrorMessage("command_not_owned", "command " + result.commandId()
                    + " was issued to another host; result not stored", null, seq));
            return;
        }
        String sessionId = command == null ? null : command.sessionId();
        if (sessionId == null) {
            String spawned = spawnedSession(result);
            if (spawned != null && ownedSince(spawned) != null) {
                sessionId = spawned;
            }
        }
        if (command != null) {
            completions.add(new CommandCompletion(command.commandId(), hostId,
                    (result.ok() ? CommandStatus.COMPLETED : CommandStatus.FAILED).toString(),
                    result.result() == null ? null : JsonColumns.write(codec.mapper(), result.result()), result.error(), now));
        }
        events.add(new NewEvent(sessionId, hostId, COMMAND_COMPLETED, JsonColumns.write(codec.mapper(), result), envelope.ts()));
        if (sessionId != null) {
            eventSessions.add(sessionId);
        }
    }

    private static String spawnedSession(CommandsResult result) {
        if (result.result() == null || !result.result().path("session_id").isTextual()) {
            return null;
        }
        String id = result.result().path("session_id").textValue();
        return id.isBlank() ? null : id;
    }

    /** created_at of a session of this host, or null if it is new or another host's. */
    private Instant ownedSince(String sessionId) {
        Instant cached = cachedOwned.get(sessionId);
        if (cached != null) {
            return cached;
        }
        Instant planned = owned.get(sessionId);
        if (planned != null) {
            return planned;
        }
        SessionOwner owner = stored.get(sessionId);
        if (owner != null && owner.hostId().equals(hostId)) {
            owned.put(sessionId, owner.createdAt());
            return owner.createdAt();
        }
        return null;
    }
}
