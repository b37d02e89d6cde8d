package dev.agentcommander.server.agentlink;

import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.SessionRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a committed batch did: the seq to ack (everything up to it is stored), the session rows as stored,
 * the errors to report, the sessions now known to belong to the link's host (with their created_at), the
 * approvals created or closed (as stored), and the sessions that got new events.
 */
record Applied(long ackSeq, List<SessionRow> changed, List<ErrorMessage> errors, Map<String, Instant> owned,
        List<ApprovalRow> approvals, Set<String> eventSessions) {
    static Applied nothingNew(long ackSeq) {
        return new Applied(ackSeq, List.of(), List.of(), Map.of(), List.of(), Set.of());
    }

    /** These results with {@code more} errors reported first. */
    Applied withErrors(List<ErrorMessage> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<ErrorMessage> all = new ArrayList<>(more);
        all.addAll(errors);
        return new Applied(ackSeq, changed, List.copyOf(all), owned, approvals, eventSessions);
    }
}
