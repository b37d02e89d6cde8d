package dev.agentcommander.chaos.verify;

import dev.agentcommander.chaos.fleet.ControlPlaneApi;
import dev.agentcommander.chaos.fleet.UiSessionsProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Times the session list filtered by a random host, every 100 ms until a deadline: over REST as an operator
 * ({@code GET /v1/sessions?host_id=}) and over a UI socket ({@code subscribe sessions {host_id}} → its first
 * {@code sessions.changed}), each answer's row count checked. Owned by the calling thread.
 */
public final class SessionListLatency {
    private static final long INTERVAL_NANOS = 100_000_000L;

    private final ControlPlaneApi operator;
    private final UiSessionsProbe ui;
    private final List<String> hostIds;
    private final int rowsPerHost;
    private final List<Long> restMillis = new ArrayList<>();
    private final List<Long> uiMillis = new ArrayList<>();
    private long wrongRest;
    private long wrongUi;

    public SessionListLatency(ControlPlaneApi operator, UiSessionsProbe ui, List<String> hostIds, int rowsPerHost) {
        this.operator = operator;
        this.ui = ui;
        this.hostIds = List.copyOf(hostIds);
        this.rowsPerHost = rowsPerHost;
    }

    public void runUntil(long deadlineNanos) throws Exception {
        long next = System.nanoTime();
        while (next < deadlineNanos) {
            String hostId = hostIds.get(ThreadLocalRandom.current().nextInt(hostIds.size()));
            long started = System.nanoTime();
            if (operator.sessions(hostId).size() != rowsPerHost) {
                wrongRest++;
            }
            restMillis.add((System.nanoTime() - started) / 1_000_000);
            started = System.nanoTime();
            if (ui.rowsOfHost(hostId) != rowsPerHost) {
                wrongUi++;
            }
            uiMillis.add((System.nanoTime() - started) / 1_000_000);
            next += INTERVAL_NANOS;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } else {
                next = System.nanoTime();
            }
        }
    }

    public List<Long> restMillis() {
        return List.copyOf(restMillis);
    }

    public List<Long> uiMillis() {
        return List.copyOf(uiMillis);
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (wrongRest > 0) {
            problems.add(wrongRest + " REST lists by host_id did not hold the host's " + rowsPerHost + " rows");
        }
        if (wrongUi > 0) {
            problems.add(wrongUi + " UI subscriptions by host_id did not start with the host's " + rowsPerHost
                    + " rows");
        }
        return problems;
    }
}
