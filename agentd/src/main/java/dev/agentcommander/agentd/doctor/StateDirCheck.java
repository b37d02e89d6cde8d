package dev.agentcommander.agentd.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/**
 * {@code storage.state_dir} is a directory agentd can write to, or can be created: proven by creating (and then
 * removing) a probe file, and the missing directories with it. Stateless.
 */
final class StateDirCheck {
    static final String NAME = "state dir";

    private final int uid;

    StateDirCheck(int uid) {
        this.uid = uid;
    }

    CheckResult check(Path stateDir) {
        Path dir = stateDir.toAbsolutePath().normalize();
        String fix = "create it, owned by the user agentd runs as (uid " + uid + "), or set storage.state_dir";
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return CheckResult.problem(NAME, dir + " exists and is not a directory",
                    "remove it, or set storage.state_dir to a directory");
        }
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            return CheckResult.problem(NAME, dir + " cannot be created: " + existing + " is not a directory",
                    "set storage.state_dir to a path under a directory");
        }
        Deque<Path> created = new ArrayDeque<>();
        try {
            for (Path missing = dir; !missing.equals(existing); missing = missing.getParent()) {
                created.push(missing);
            }
            for (Path missing : created) {
                Files.createDirectory(missing);
            }
            Path probe = dir.resolve(".agentd-doctor-" + UUID.randomUUID());
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            String what = created.isEmpty() ? " is not writable by uid " + uid : " cannot be created by uid " + uid;
            return removeAfter(created, CheckResult.problem(NAME, dir + what + ": " + e, created.isEmpty()
                    ? "give uid " + uid + " write access to " + dir + ", or set storage.state_dir" : fix));
        }
        return removeAfter(created, CheckResult.ok(NAME, created.isEmpty() ? dir + " (writable)"
                : dir + " does not exist yet; agentd can create it"));
    }

    /** Removes the directories the probe created, deepest first, so the check leaves nothing behind. */
    private CheckResult removeAfter(Deque<Path> created, CheckResult result) {
        while (!created.isEmpty()) {
            Path dir = created.pollLast();
            try {
                Files.deleteIfExists(dir);
            } catch (IOException | SecurityException e) {
                return CheckResult.problem(NAME, "cannot remove the probe directory " + dir + ": " + e,
                        "remove " + dir + " by hand");
            }
        }
        return result;
    }
}
