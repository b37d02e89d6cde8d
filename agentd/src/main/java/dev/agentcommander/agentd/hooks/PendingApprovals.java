package dev.agentcommander.agentd.hooks;

import dev.agentcommander.agentd.channel.DecisionHandler;
import dev.agentcommander.schema.agent.ApprovalDecision;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approvals agentd is waiting for. Each settles exactly once, by whichever comes first: the control plane's
 * decision, a sign that the person answered in the pane, the timeout, or agentd closing. The settle callback runs
 * on the thread "agentd-approvals", which also runs the timeouts; anything may call in. Thread-safe.
 */
public final class PendingApprovals implements DecisionHandler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PendingApprovals.class);

    private final Map<String, PendingApproval> pending = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private volatile Consumer<PendingApproval> onOpened = approval -> { };
    private volatile Consumer<PendingApproval> onSettled = approval -> { };
    private final ApprovalMarkers markers;

    /** Approvals kept only in memory (a killed agentd cannot close them on its next start). */
    public PendingApprovals(Duration timeout, Clock clock) {
        this(timeout, clock, null);
    }

    /** {@code markers}: where pending approvals are recorded so the next start can withdraw them, or null. */
    PendingApprovals(Duration timeout, Clock clock, ApprovalMarkers markers) {
        this.markers = markers;
        this.timeout = timeout;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread worker = new Thread(runnable, "agentd-approvals");
            worker.setDaemon(true);
            return worker;
        });
    }

    /**
     * What to do when an approval opens (mark its session as waiting); set once while wiring. Runs on the opening
     * thread before the approval can settle, so it always comes before the settle callback.
     */
    void onOpened(Consumer<PendingApproval> callback) {
        this.onOpened = Objects.requireNonNull(callback);
    }

    /** What to do once an approval settled (close it, type keys, update status); set once while wiring. */
    void onSettled(Consumer<PendingApproval> callback) {
        this.onSettled = Objects.requireNonNull(callback);
    }

    /** Registers a new approval with a fresh id and starts its timeout. */
    PendingApproval open(String sessionId, String paneId, String claudeSessionId) {
        PendingApproval approval = new PendingApproval(UUID.randomUUID().toString(), sessionId, paneId,
                claudeSessionId, clock.instant(), new CompletableFuture<>());
        onOpened.accept(approval);
        pending.put(approval.approvalId(), approval);
        if (markers != null) {
            markers.opened(approval);
        }
        approval.settled().whenComplete((settlement, error) -> {
            pending.remove(approval.approvalId());
            runOnThread(() -> {
                onSettled.accept(approval);
                if (markers != null) {
                    markers.settled(approval.approvalId()); // only now is its approval.closed queued
                }
            });
        });
        try {
            thread.schedule(() -> settle(approval, Settlement.closed(Settlement.Kind.TIMED_OUT)),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            settle(approval, Settlement.closed(Settlement.Kind.WITHDRAWN));
        }
        return approval;
    }

    /** Forgets an approval whose request could not even be stored: nobody will decide it, nothing to close. */
    void discard(PendingApproval approval) {
        pending.remove(approval.approvalId());
        approval.settled().cancel(false);
        if (markers != null) {
            markers.settled(approval.approvalId());
        }
    }

    /** A decision from the control plane; one for an unknown or already settled approval is dropped. */
    @Override
    public void decide(ApprovalDecision decision) {
        PendingApproval approval = pending.get(decision.approvalId());
        if (approval == null || !settle(approval, Settlement.decided(decision))) {
            // Normal after a reconnect (the control plane re-sends undelivered decisions) or a race with the pane.
            LOG.debug("ignoring decision {} on approval {}: not waiting for it (already settled or unknown)",
                    decision.decision(), decision.approvalId());
        }
    }

    /** A hook showing Claude went on (PostToolUse, Stop, ...): the person answered the dialog in the pane. */
    void answeredInTerminal(String claudeSessionId) {
        if (claudeSessionId == null || claudeSessionId.isEmpty()) {
            return;
        }
        for (PendingApproval approval : pending.values()) {
            if (claudeSessionId.equals(approval.claudeSessionId())) {
                settle(approval, Settlement.closed(Settlement.Kind.ANSWERED_IN_TERMINAL));
            }
        }
    }

    /** Schedules work on the approvals thread after a delay (the keys fallback of approval_mode both). */
    void later(Duration delay, Runnable work) {
        try {
            thread.schedule(work, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("closing; dropped delayed approval work", e);
        }
    }

    long timeoutMillis() {
        return timeout.toMillis();
    }

    int size() {
        return pending.size();
    }

    /** Withdraws every pending approval (their hooks get no decision, the dialogs stay) and stops the thread. */
    @Override
    public void close() {
        for (PendingApproval approval : pending.values()) {
            settle(approval, Settlement.closed(Settlement.Kind.WITHDRAWN));
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static boolean settle(PendingApproval approval, Settlement settlement) {
        return approval.settled().complete(settlement);
    }

    private void runOnThread(Runnable work) {
        try {
            thread.execute(work);
        } catch (RejectedExecutionException e) {
            work.run(); // closing: still record the outcome
        }
    }
}
