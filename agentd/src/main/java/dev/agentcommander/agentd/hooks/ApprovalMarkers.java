package dev.agentcommander.agentd.hooks;

import dev.agentcommander.agentd.internal.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file per approval agentd waits for ({@code <state_dir>/approvals/<approval_id>}, holding the session id),
 * written before {@code approval.requested} is queued and deleted once the approval settled. Files left by an
 * agentd that was killed name approvals nobody will answer any more: the next start closes them as withdrawn.
 * A marker that cannot be written is logged and the approval goes on. Thread-safe.
 */
final class ApprovalMarkers {
    static final String DIRECTORY = "approvals";
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalMarkers.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    private final Path dir;

    ApprovalMarkers(Path stateDir) throws IOException {
        this.dir = Files.createDirectories(stateDir.resolve(DIRECTORY));
    }

    void opened(PendingApproval approval) {
        try {
            DurableFiles.write(dir.resolve(approval.approvalId()), approval.sessionId());
        } catch (IOException e) {
            LOG.warn("cannot record pending approval {} in {}; if agentd is killed before it settles, the control "
                    + "plane keeps it pending: {}", approval.approvalId(), dir, e.getMessage());
        }
    }

    void settled(String approvalId) {
        try {
            Files.deleteIfExists(dir.resolve(approvalId));
        } catch (IOException e) {
            LOG.warn("cannot delete the marker of settled approval {}: {}", approvalId, e.getMessage());
        }
    }

    /** Approvals left pending by a previous run: approval id → session id. */
    Map<String, String> leftovers() {
        Map<String, String> leftovers = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (ID.matcher(name).matches()) {
                    leftovers.put(name, Files.readString(file, StandardCharsets.UTF_8).strip());
                } else {
                    Files.deleteIfExists(file); // a temp file of an interrupted write
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read pending approvals left in {}: {}", dir, e.getMessage());
        }
        return leftovers;
    }
}
