package dev.agentcommander.agentd.discovery;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest hook signal per session, written by the hook receiver and read by discovery. A hook signal wins over the
 * process signal while the pane still runs {@code claude}; once it does not, discovery forgets it. Thread-safe.
 */
public final class HookSignals {
    private final Map<String, HookSignal> latest = new ConcurrentHashMap<>();

    /** Records a signal unless a newer one is already there (hook requests are served concurrently). */
    public void put(String sessionId, HookSignal signal) {
        latest.merge(sessionId, signal, (old, fresh) -> fresh.at().isBefore(old.at()) ? old : fresh);
    }

    public Optional<HookSignal> get(String sessionId) {
        return Optional.ofNullable(latest.get(sessionId));
    }

    void forget(String sessionId) {
        latest.remove(sessionId);
    }
}
