package dev.agentcommander.agentd.discovery;

import dev.agentcommander.schema.model.GitInfo;
import java.time.Instant;

/**
 * Git state for a session row, without blocking the poll: the answer may be cached or not known yet (null).
 * {@code activity} is the pane's last activity, so idle panes cost no git calls.
 */
@FunctionalInterface
public interface GitLookup {
    GitLookup NONE = (cwd, activity) -> null;

    GitInfo lookup(String cwd, Instant activity);
}
