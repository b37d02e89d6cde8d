package dev.agentcommander.agentd.channel;

import dev.agentcommander.agentd.internal.DurableFiles;
import dev.agentcommander.schema.WireCodec;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The outbox's files on disk and their recovery at start. Stateless. */
final class OutboxStore {
    static final String ACKED_FILE = "acked-seq";
    static final String STREAM_ID_FILE = "stream-id";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxStore.class);
    private static final Pattern MESSAGE_FILE = Pattern.compile("(\\d{20})\\.json");
    /** How {@link WireCodec#encode} starts a durable frame: type, then seq. */
    private static final Pattern FRAME_HEAD = Pattern.compile("\\{\"type\":\"[a-z._]+\",\"seq\":(\\d{1,19}),");

    /** What a start finds on disk. */
    record Recovered(Path dir, String streamId, long lastAcked, long lastAssigned, List<Long> pending) {
    }

    private OutboxStore() {
    }

    static Path messageFile(Path dir, long seq) {
        return dir.resolve(String.format("%020d.json", seq));
    }

    static Recovered recover(Path stateDir) throws OutboxException {
        Path dir = stateDir.resolve("outbox");
        try {
            Files.createDirectories(dir);
            Path ackedFile = dir.resolve(ACKED_FILE);
            Path streamFile = stateDir.resolve(STREAM_ID_FILE);
            if (!Files.exists(ackedFile)) {
                return create(dir, ackedFile, streamFile);
            }
            long lastAcked = readAcked(ackedFile);
            String streamId = readStreamId(streamFile);
            TreeSet<Long> pending = new TreeSet<>();
            long highest = lastAcked;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    Matcher matcher = MESSAGE_FILE.matcher(name);
                    if (name.endsWith(DurableFiles.TEMP_SUFFIX)) {
                        LOG.info("dropping partly written outbox file {} (the append did not complete)", file);
                        Files.deleteIfExists(file);
                    } else if (matcher.matches()) {
                        long seq = Long.parseLong(matcher.group(1));
                        highest = Math.max(highest, seq);
                        if (seq <= lastAcked) {
                            Files.deleteIfExists(file);
                        } else if (valid(file, seq)) {
                            pending.add(seq);
                        }
                    } else if (!name.equals(ACKED_FILE) && !name.equals("corrupt")) {
                        LOG.warn("ignoring unexpected file {} in the outbox", file);
                    }
                }
            }
            return new Recovered(dir, streamId, lastAcked, highest, List.copyOf(pending));
        } catch (IOException | SecurityException e) {
            throw new OutboxException("cannot open outbox in storage.state_dir " + stateDir + ": " + e
                    + " (the state dir must be writable by the user agentd runs as)", e);
        }
    }

    /** A new outbox starts a new stream: the control plane then accepts seq 1 again. */
    private static Recovered create(Path dir, Path ackedFile, Path streamFile) throws IOException {
        String streamId = UUID.randomUUID().toString();
        // Stream id first: a crash before acked-seq exists just repeats the creation with another id.
        DurableFiles.write(streamFile, streamId + "\n");
        DurableFiles.write(ackedFile, "0\n");
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, "*.json*")) {
            for (Path file : leftovers) {
                Files.deleteIfExists(file);
            }
        }
        return new Recovered(dir, streamId, 0, 0, List.of());
    }

    private static long readAcked(Path ackedFile) throws IOException {
        String text = Files.readString(ackedFile, StandardCharsets.UTF_8).strip();
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException("negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new OutboxException("outbox file " + ackedFile + " is corrupt ('" + text + "'); to start over, stop "
                    + "agentd and delete " + ackedFile.getParent() + " (unsent messages are lost)", e);
        }
    }

    private static String readStreamId(Path streamFile) throws IOException {
        try {
            String text = Files.readString(streamFile, StandardCharsets.UTF_8).strip();
            return UUID.fromString(text).toString();
        } catch (NoSuchFileException | IllegalArgumentException e) {
            throw new OutboxException("stream id file " + streamFile + " is missing or corrupt while the outbox "
                    + "exists; to start over, stop agentd and delete " + streamFile.resolveSibling("outbox"), e);
        }
    }

    /**
     * A committed file that is not a complete frame for its seq (disk corruption: appends are fsynced before the
     * rename that commits them) is moved aside; its seq is never reused. The check is structural, not a full
     * decode, so a start with a long backlog stays fast.
     */
    private static boolean valid(Path file, long seq) throws IOException {
        String problem;
        try {
            String frame = Files.readString(file, StandardCharsets.UTF_8);
            Matcher head = FRAME_HEAD.matcher(frame);
            if (head.lookingAt() && frame.endsWith("}") && Long.parseLong(head.group(1)) == seq) {
                return true;
            }
            problem = head.lookingAt() ? "truncated or wrong seq " + head.group(1) : "not a durable frame";
        } catch (CharacterCodingException e) {
            problem = "not UTF-8";
        }
        Path corrupt = Files.createDirectories(file.resolveSibling("corrupt"));
        Files.move(file, corrupt.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        LOG.warn("outbox message {} is corrupt ({}); moved to {} and skipped", seq, problem, corrupt);
        return false;
    }
}
