package dev.agentcommander.agentd.discovery;

import dev.agentcommander.schema.model.SessionStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest hook signal per session, and the approvals raised by {@code PermissionRequest} that are still pending,
 * written by the hook receiver and read by discovery. A pending approval decides the status whatever the pane shows;
 * otherwise the latest hook signal wins over the process signal while the pane still runs {@code claude}, and once
 * it does not, discovery forgets it. Thread-safe.
 */
public final class HookSignals {
    private static final String PERMISSION_REQUEST = "PermissionRequest";

    private final Map<String, HookSignal> latest = new ConcurrentHashMap<>();
    /** Session id → approval id → its PermissionRequest signal; the inner maps are never changed, only replaced. */
    private final Map<String, Map<String, HookSignal>> pendingApprovals = new ConcurrentHashMap<>();

    /** Records a signal unless a newer one is already there (hook requests are served concurrently). */
    public void put(String sessionId, HookSignal signal) {
        latest.merge(sessionId, signal, (old, fresh) -> fresh.at().isBefore(old.at()) ? old : fresh);
    }

    public Optional<HookSignal> get(String sessionId) {
        return Optional.ofNullable(latest.get(sessionId));
    }

    /** An approval agentd now waits for (a PermissionRequest): its session is waiting_approval until it closes. */
    public void approvalPending(String sessionId, String approvalId, Instant requestedAt) {
        HookSignal signal = new HookSignal(SessionStatus.WAITING_APPROVAL, true, PERMISSION_REQUEST, requestedAt);
        pendingApprovals.compute(sessionId, (id, approvals) -> {
            Map<String, HookSignal> next = approvals == null ? new HashMap<>() : new HashMap<>(approvals);
            next.put(approvalId, signal);
            return Map.copyOf(next);
        });
    }

    /**
     * The approval closed (decided, answered in the pane, timed out, withdrawn): it no longer decides the status, nor
     * does a hook signal older than its request (the screen or the process tells more than a PreToolUse from before
     * the dialog). Closing an approval that is not pending does nothing.
     */
    public void approvalClosed(String sessionId, String approvalId) {
        HookSignal closed = pendingApprovals.getOrDefault(sessionId, Map.of()).get(approvalId);
        if (closed == null) {
            return;
        }
        pendingApprovals.computeIfPresent(sessionId, (id, approvals) -> {
            Map<String, HookSignal> next = new HashMap<>(approvals);
            next.remove(approvalId);
            return next.isEmpty() ? null : Map.copyOf(next);
        });
        latest.computeIfPresent(sessionId, (id, last) -> last.at().isAfter(closed.at()) ? last : null);
    }

    /** The signal of the session's oldest pending approval, if any. */
    Optional<HookSignal> pendingApproval(String sessionId) {
        return Optional.ofNullable(pendingApprovals.get(sessionId))
                .flatMap(approvals -> approvals.values().stream().min(Comparator.comparing(HookSignal::at)));
    }

    void forget(String sessionId) {
        latest.remove(sessionId);
    }
}
