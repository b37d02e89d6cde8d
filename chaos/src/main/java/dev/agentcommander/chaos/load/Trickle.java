package dev.agentcommander.chaos.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed offered load: every agent sends one event each {@code 1 / perSecond}, {@code eventsPerAgent} in all, so for
 * {@code eventsPerAgent / perSecond} seconds, the agents' sends
 * spread evenly over each period, so the control plane sees a steady rate below saturation rather than bursts. The
 * sends run on the trickle's own scheduler threads (an agent's sends never overlap); the caller waits in
 * {@link #awaitSent}. Thread-safe.
 */
public final class Trickle implements AutoCloseable {
    private final List<SimulatedAgent> agents;
    private final long periodNanos;
    private final int eventsPerAgent;
    private final ScheduledExecutorService senders = Executors.newScheduledThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "scale-trickle");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public Trickle(List<SimulatedAgent> agents, double perSecond, int eventsPerAgent) {
        this.agents = List.copyOf(agents);
        this.periodNanos = Math.round(1_000_000_000 / perSecond);
        this.eventsPerAgent = eventsPerAgent;
    }

    public void start() {
        for (int i = 0; i < agents.size(); i++) {
            SimulatedAgent agent = agents.get(i);
            long phase = periodNanos * i / agents.size();
            senders.scheduleAtFixedRate(() -> sendOne(agent), phase, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void sendOne(SimulatedAgent agent) {
        if (agent.eventsSent() >= eventsPerAgent || agent.closed()) {
            return;
        }
        try {
            agent.sendNextEvent();
        } catch (Exception e) {
            failedSends.incrementAndGet();
            firstFailure.compareAndSet(null, e);
        }
    }

    /** Waits until every agent sent its share (or its socket closed) or {@code atMost} passed; true when all sent. */
    public boolean awaitSent(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (agents.stream().allMatch(agent -> agent.eventsSent() >= eventsPerAgent || agent.closed())) {
                break;
            }
            Thread.sleep(50);
        }
        senders.shutdownNow();
        return agents.stream().allMatch(agent -> agent.eventsSent() >= eventsPerAgent);
    }

    public long failedSends() {
        return failedSends.get();
    }

    /** The first send that failed, for the report; null when none did. */
    public Exception firstFailure() {
        return firstFailure.get();
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
