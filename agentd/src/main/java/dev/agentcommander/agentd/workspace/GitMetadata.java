package dev.agentcommander.agentd.workspace;

import dev.agentcommander.agentd.discovery.GitLookup;
import dev.agentcommander.schema.model.GitInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The git state of session working directories ({@code repo, branch, dirty, ahead, behind}) with a TTL cache
 * ({@code git.metadata_ttl_ms}): the poll reads the cache; a missing entry, or an expired one whose pane was active
 * since it was read, is refreshed on a background thread (two git calls), and a change asks for a poll. So an idle
 * host runs no git at all, and a busy one at most one refresh per directory per TTL. Thread-safe.
 */
public final class GitMetadata implements GitLookup, AutoCloseable {
    private record Entry(GitInfo info, Instant readAt, Instant activity) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final Runnable changed;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread refresher = new Thread(runnable, "agentd-git-metadata");
        refresher.setDaemon(true);
        return refresher;
    });

    public GitMetadata(Duration ttl, Clock clock, Runnable changed) {
        this.ttl = ttl;
        this.clock = clock;
        this.changed = changed;
    }

    @Override
    public GitInfo lookup(String cwd, Instant activity) {
        if (cwd == null || cwd.isBlank()) {
            return null;
        }
        Entry entry = cache.get(cwd);
        boolean stale = entry == null || (clock.instant().isAfter(entry.readAt().plus(ttl))
                && !Objects.equals(activity, entry.activity()));
        if (stale && refreshing.add(cwd)) {
            try {
                thread.execute(() -> refresh(cwd, activity));
            } catch (RejectedExecutionException e) {
                refreshing.remove(cwd);
            }
        }
        return entry == null ? null : entry.info();
    }

    private void refresh(String cwd, Instant activity) {
        try {
            GitInfo fresh = read(Path.of(cwd));
            Entry old = cache.put(cwd, new Entry(fresh, clock.instant(), activity));
            if (old == null ? fresh != null : !Objects.equals(old.info(), fresh)) {
                changed.run();
            }
        } finally {
            refreshing.remove(cwd);
        }
    }

    /** {@code repo} (the top level), {@code branch} (null when detached), {@code dirty}; null outside a repo. */
    static GitInfo read(Path cwd) {
        if (!Files.isDirectory(cwd)) {
            return null;
        }
        try {
            if (!Git.succeeds(cwd, "rev-parse", "--is-inside-work-tree")) {
                return null;
            }
            String top = Git.run(cwd, "rev-parse", "--show-toplevel").strip();
            String branch = null;
            boolean dirty = false;
            Integer ahead = null;
            Integer behind = null;
            for (String line : Git.run(cwd, "status", "--porcelain=v2", "--branch").split("\n")) {
                if (line.startsWith("# branch.head ")) {
                    String head = line.substring("# branch.head ".length()).strip();
                    branch = head.equals("(detached)") ? null : head;
                } else if (line.startsWith("# branch.ab ")) {
                    // "# branch.ab +<ahead> -<behind>", only when the branch has an upstream
                    String[] counts = line.substring("# branch.ab ".length()).strip().split(" ");
                    if (counts.length == 2 && counts[0].startsWith("+") && counts[1].startsWith("-")) {
                        ahead = Integer.valueOf(counts[0].substring(1));
                        behind = Integer.valueOf(counts[1].substring(1));
                    }
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    dirty = true;
                }
            }
            return new GitInfo(top, branch, dirty, ahead, behind);
        } catch (WorkspaceException e) {
            return null;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
