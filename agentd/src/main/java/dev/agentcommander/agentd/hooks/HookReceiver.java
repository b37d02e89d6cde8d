package dev.agentcommander.agentd.hooks;

import dev.agentcommander.agentd.internal.EventPayloads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.agentd.channel.DurableQueue;
import dev.agentcommander.agentd.channel.OutboxException;
import dev.agentcommander.agentd.discovery.HookSignal;
import dev.agentcommander.agentd.discovery.HookSignals;
import dev.agentcommander.agentd.discovery.Pane;
import dev.agentcommander.agentd.discovery.PaneDirectory;
import dev.agentcommander.agentd.discovery.SessionDiscovery;
import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.model.ApprovalRequest;
import dev.agentcommander.schema.model.SessionStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one Claude Code hook into events, a status signal and, for {@code PermissionRequest}, an approval whose
 * decision becomes the reply. Called on the HTTP server's threads (a permission request blocks its thread until
 * the approval settles); thread-safe.
 */
final class HookReceiver {
    static final String PERMISSION_REQUEST = "PermissionRequest";
    /** Hooks that only fire once Claude went on, so a dialog still waiting for us was answered in the pane. */
    static final Set<String> CLAUDE_WENT_ON = Set.of("PostToolUse", "PostToolUseFailure", "Stop", "UserPromptSubmit",
            "SessionEnd");
    private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z]{1,64}");
    private static final Pattern PANE_ID = Pattern.compile("%\\d{1,9}");
    private static final Logger LOG = LoggerFactory.getLogger(HookReceiver.class);

    private final DurableQueue queue;
    private final PaneDirectory panes;
    private final SessionDiscovery discovery;
    private final HookSignals signals;
    private final PendingApprovals approvals;
    private final ApprovalOutcomes outcomes;
    private final ApprovalMode mode;
    private final ObjectMapper json;
    private final Clock clock;

    HookReceiver(DurableQueue queue, PaneDirectory panes, SessionDiscovery discovery, HookSignals signals,
                 PendingApprovals approvals, ApprovalOutcomes outcomes, ApprovalMode mode, ObjectMapper json,
                 Clock clock) {
        this.queue = queue;
        this.panes = panes;
        this.discovery = discovery;
        this.signals = signals;
        this.approvals = approvals;
        this.outcomes = outcomes;
        this.mode = mode;
        this.json = json;
        this.clock = clock;
    }

    static boolean validEventName(String event) {
        return EVENT_NAME.matcher(event).matches();
    }

    HookReply receive(String event, String paneId, JsonNode body) throws InterruptedException {
        Instant now = clock.instant();
        String claudeSessionId = body.path("session_id").isTextual() ? body.get("session_id").textValue() : null;
        outcomes.noteHook(claudeSessionId, now);
        if (CLAUDE_WENT_ON.contains(event)) {
            approvals.answeredInTerminal(claudeSessionId);
        }
        Optional<String> session = sessionOf(paneId);
        if (session.isEmpty()) {
            // Outside tmux, or a pane that just closed: nothing to attach it to; the dialog stays for the person.
            LOG.debug("hook {} from pane '{}' belongs to no session here; not recorded", event, paneId);
            return HookReply.NO_DECISION;
        }
        String sessionId = session.get();
        signal(event, body, now).ifPresent(signal -> {
            signals.put(sessionId, signal);
            discovery.requestPoll();
        });
        EventsAppend hookEvent = new EventsAppend(sessionId, "hook." + event,
                EventPayloads.trimmed(json, body, EventPayloads.EVENT_BUDGET));
        if (!PERMISSION_REQUEST.equals(event)) {
            return append(List.of(hookEvent)) ? HookReply.NO_DECISION : HookReply.NOT_RECORDED;
        }
        return permission(sessionId, paneId, claudeSessionId, body, hookEvent);
    }

    private HookReply permission(String sessionId, String paneId, String claudeSessionId, JsonNode body,
                                 EventsAppend hookEvent) throws InterruptedException {
        PendingApproval approval = approvals.open(sessionId, paneId, claudeSessionId);
        ApprovalRequest request = new ApprovalRequest(approval.approvalId(),
                body.path("tool_name").asText("unknown"),
                EventPayloads.trimmed(json, body.path("tool_input"), 4 * 1024 * 1024),
                body.path("cwd").isTextual() ? body.get("cwd").textValue() : null, paneId, claudeSessionId);
        if (!append(List.of(hookEvent, new EventsAppend(sessionId, ApprovalRequest.EVENT_TYPE,
                json.valueToTree(request))))) {
            approvals.discard(approval);
            return HookReply.NOT_RECORDED;
        }
        LOG.info("approval {} requested: {} in pane {}", approval.approvalId(), request.toolName(), paneId);
        if (mode == ApprovalMode.KEYS) {
            return HookReply.NO_DECISION; // the decision is typed into the pane when it comes
        }
        Settlement settlement;
        try {
            // The approvals' own timeout settles it; the bound here only guards against a lost settle.
            settlement = approval.settled().get(approvals.timeoutMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            return HookReply.NO_DECISION;
        }
        if (settlement.kind() != Settlement.Kind.DECIDED) {
            return HookReply.NO_DECISION;
        }
        return new HookReply(200, decisionJson(settlement));
    }

    /** The output Claude Code documents for a PermissionRequest hook. */
    private String decisionJson(Settlement settlement) {
        ObjectNode decision = json.createObjectNode();
        if (settlement.decision().allowed()) {
            decision.put("behavior", "allow");
            JsonNode updated = settlement.decision().updatedInput();
            if (updated != null && !updated.isNull() && !updated.isMissingNode()) {
                decision.set("updatedInput", updated);
            }
        } else {
            String reason = settlement.decision().reason();
            decision.put("behavior", "deny").put("message",
                    reason == null || reason.isBlank() ? "Denied by the operator in Agent Commander" : reason);
        }
        ObjectNode root = json.createObjectNode();
        root.putObject("hookSpecificOutput").put("hookEventName", PERMISSION_REQUEST).set("decision", decision);
        return root.toString();
    }

    /** The status a hook says; a PermissionRequest's lives with its approval (see ApprovalOutcomes#opened). */
    private static Optional<HookSignal> signal(String event, JsonNode body, Instant now) {
        return switch (event) {
            case "UserPromptSubmit", "PreToolUse", "PostToolUse" ->
                    Optional.of(new HookSignal(SessionStatus.RUNNING, false, event, now));
            case "Stop" -> Optional.of(new HookSignal(SessionStatus.IDLE, false, event, now));
            case "Notification" -> "idle_prompt".equals(body.path("notification_type").asText())
                    ? Optional.of(new HookSignal(SessionStatus.WAITING_INPUT, true, "Notification idle_prompt", now))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private boolean append(List<EventsAppend> events) {
        try {
            queue.appendAll(events);
            return true;
        } catch (OutboxException e) {
            LOG.error("cannot queue hook events for session {}: {}", events.get(0).sessionId(), e.getMessage());
            return false;
        }
    }

    private Optional<String> sessionOf(String paneId) throws InterruptedException {
        if (paneId == null || !PANE_ID.matcher(paneId).matches()) {
            return Optional.empty();
        }
        try {
            Optional<Pane> pane = panes.byPaneId(paneId);
            if (pane.isEmpty()) {
                return Optional.empty();
            }
            if (pane.get().tagged() && discovery.announced(pane.get().sessionId())) {
                return Optional.of(pane.get().sessionId());
            }
            // A pane whose row discovery has not queued yet (new, or tagged by spawn_session a moment ago): the control
            // plane refuses events of a session it has no row of, so discovery tags it if need be and queues its row
            // first (on the discovery thread, like adopt_pane).
            String sessionId = discovery.adopt(paneId).get(10, TimeUnit.SECONDS).sessionId();
            if (!discovery.announced(sessionId)) {
                LOG.warn("hook from pane {}: the row of its session {} could not be queued; hook not recorded", paneId,
                        sessionId);
                return Optional.empty();
            }
            return Optional.of(sessionId);
        } catch (TmuxException | ExecutionException | TimeoutException e) {
            LOG.warn("cannot find the session of pane {} for a hook: {}", paneId, e.getMessage());
            return Optional.empty();
        }
    }
}
