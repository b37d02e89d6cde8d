package dev.agentcommander.agentd.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.channel.DurableQueue;
import dev.agentcommander.agentd.channel.OutboxException;
import dev.agentcommander.agentd.discovery.HookSignal;
import dev.agentcommander.agentd.discovery.HookSignals;
import dev.agentcommander.agentd.discovery.SessionDiscovery;
import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.model.SessionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens once an approval settled: {@code approval.closed} when agentd stopped waiting, the session's status,
 * and in approval_mode {@code keys} / {@code both} the answer typed into the pane. Runs on "agentd-approvals";
 * {@link #noteHook} is called from hook threads. Thread-safe.
 */
final class ApprovalOutcomes {
    static final String CLOSED_EVENT = "approval.closed";
    /** How long approval_mode both waits for the hook answer to close the dialog before typing it. */
    static final Duration KEYS_FALLBACK_DELAY = Duration.ofMillis(1500);
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalOutcomes.class);

    private final DurableQueue queue;
    private final HookSignals signals;
    private final SessionDiscovery discovery;
    private final ApprovalKeys keys;
    private final PendingApprovals approvals;
    private final ApprovalMode mode;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Instant> lastHookAt = new ConcurrentHashMap<>();

    ApprovalOutcomes(DurableQueue queue, HookSignals signals, SessionDiscovery discovery, ApprovalKeys keys,
                     PendingApprovals approvals, ApprovalMode mode, ObjectMapper json, Clock clock) {
        this.queue = queue;
        this.signals = signals;
        this.discovery = discovery;
        this.keys = keys;
        this.approvals = approvals;
        this.mode = mode;
        this.json = json;
        this.clock = clock;
    }

    /** Any hook of a Claude session: after it, the keys fallback must not type (Claude has moved on). */
    void noteHook(String claudeSessionId, Instant at) {
        if (claudeSessionId != null) {
            lastHookAt.merge(claudeSessionId, at, (old, fresh) -> fresh.isAfter(old) ? fresh : old);
        }
    }

    /** The session waits for this approval until it settles, whatever its pane shows. */
    void opened(PendingApproval approval) {
        signals.approvalPending(approval.sessionId(), approval.approvalId(), approval.openedAt());
        discovery.requestPoll();
    }

    /** Ends the approval's hold on its session's status by whichever path it closed, and polls so the row follows. */
    void settled(PendingApproval approval) {
        signals.approvalClosed(approval.sessionId(), approval.approvalId());
        if (approval.settled().isCancelled()) {
            discovery.requestPoll();
            return;
        }
        Settlement settlement = approval.settled().join();
        if (settlement.kind() != Settlement.Kind.DECIDED) {
            close(approval, settlement.kind());
            discovery.requestPoll();
            return;
        }
        boolean allow = settlement.decision().allowed();
        LOG.info("approval {} decided: {}", approval.approvalId(), settlement.decision().decision());
        signals.put(approval.sessionId(), new HookSignal(SessionStatus.RUNNING, false,
                "PermissionRequest decided (" + settlement.decision().decision() + ")", clock.instant()));
        discovery.requestPoll();
        if (mode == ApprovalMode.KEYS) {
            typeKeys(approval, allow);
        } else if (mode == ApprovalMode.BOTH) {
            Instant answeredAt = clock.instant();
            approvals.later(KEYS_FALLBACK_DELAY, () -> {
                Instant last = approval.claudeSessionId() == null ? null : lastHookAt.get(approval.claudeSessionId());
                if (last == null || !last.isAfter(answeredAt)) {
                    typeKeys(approval, allow);
                }
            });
        }
    }

    private void typeKeys(PendingApproval approval, boolean allow) {
        if (approval.paneId() == null) {
            return;
        }
        try {
            if (keys.answerIfDialogShown(approval.paneId(), allow)) {
                LOG.info("approval {}: typed {} into pane {}", approval.approvalId(), allow ? "allow" : "deny",
                        approval.paneId());
            }
        } catch (TmuxException e) {
            LOG.warn("approval {}: cannot type the answer into pane {}: {}", approval.approvalId(), approval.paneId(),
                    e.getMessage());
        }
    }

    /**
     * Closes, as withdrawn, the approvals a killed agentd left pending (approval id → session id): their hook
     * requests died with it, so the dialogs wait for the person. True for each one whose close was queued.
     */
    Map<String, Boolean> withdrawLeftovers(Map<String, String> leftovers) {
        Map<String, Boolean> queued = new java.util.LinkedHashMap<>();
        leftovers.forEach((approvalId, sessionId) ->
                queued.put(approvalId, close(approvalId, sessionId, Settlement.Kind.WITHDRAWN)));
        return queued;
    }

    private void close(PendingApproval approval, Settlement.Kind kind) {
        close(approval.approvalId(), approval.sessionId(), kind);
    }

    private boolean close(String approvalId, String sessionId, Settlement.Kind kind) {
        LOG.info("approval {} closed: {}", approvalId, kind.closeReason());
        try {
            queue.append(new EventsAppend(sessionId, CLOSED_EVENT, json.createObjectNode()
                    .put("approval_id", approvalId).put("reason", kind.closeReason())));
            return true;
        } catch (OutboxException e) {
            LOG.error("cannot queue approval.closed for {} ({}); the control plane keeps it pending: {}",
                    approvalId, kind.closeReason(), e.getMessage());
            return false;
        }
    }
}
