package dev.agentcommander.chaos.verify;

import java.util.Set;

/**
 * What a load sent one host, for {@link StoredEvents} to count against what the control plane stored: each event a
 * {@code hook.Notification} whose payload carries a unique {@code chaos_id} and the host's running number
 * {@code chaos_n}, in the order of the host's seqs.
 */
public interface SentLoad {
    String hostId();

    /** Numbers the sender was told are stored (a hook answered 200, an event acked): each must be stored once. */
    Set<Long> answered();

    /** Numbers sent without that word: stored at most once. */
    Set<Long> inDoubt();
}
