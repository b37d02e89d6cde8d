package dev.agentcommander.agentd.testing;

import dev.agentcommander.agentd.channel.DurableQueue;
import dev.agentcommander.agentd.channel.OutboxException;
import dev.agentcommander.schema.AgentToControl;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.SessionRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An in-memory {@link DurableQueue} for tests that only look at what producers queue. Thread-safe. */
public final class MemoryQueue implements DurableQueue {
    private final List<AgentToControl> messages = new ArrayList<>();
    private volatile boolean failing;

    @Override
    public synchronized List<Long> appendAll(List<? extends AgentToControl> batch) {
        if (failing) {
            throw new OutboxException("disk full (simulated by MemoryQueue)");
        }
        List<Long> seqs = new ArrayList<>();
        for (AgentToControl message : batch) {
            messages.add(message);
            seqs.add((long) messages.size());
        }
        return seqs;
    }

    public void failAppends(boolean fail) {
        failing = fail;
    }

    public synchronized List<AgentToControl> messages() {
        return List.copyOf(messages);
    }

    /** Every session row queued, in order. */
    public synchronized List<SessionRow> rows() {
        return messages.stream().filter(SessionsUpsert.class::isInstance).map(SessionsUpsert.class::cast)
                .flatMap(upsert -> upsert.sessions().stream()).toList();
    }

    /** The last row queued for the pane, if any. */
    public Optional<SessionRow> lastRowOfPane(String paneId) {
        List<SessionRow> rows = rows();
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).tmux() != null && paneId.equals(rows.get(i).tmux().paneId())) {
                return Optional.of(rows.get(i));
            }
        }
        return Optional.empty();
    }

    public Optional<SessionRow> lastRowOf(String sessionId) {
        List<SessionRow> rows = rows();
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).sessionId().equals(sessionId)) {
                return Optional.of(rows.get(i));
            }
        }
        return Optional.empty();
    }
}
