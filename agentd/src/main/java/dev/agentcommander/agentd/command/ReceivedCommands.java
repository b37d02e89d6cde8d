package dev.agentcommander.agentd.command;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ids of the commands agentd has started, persisted ({@code <state_dir>/commands-received}, one id a line, forced
 * to disk) just before each runs. The control plane sends a command again when it cannot know whether it arrived (the
 * connection it went out on ended before its result came back), so this is what keeps a command to at most one run:
 * an id this process started is ignored (its result is queued, or comes when it ends), one an earlier process
 * started before it died is answered as not run again. Thread-safe.
 */
public final class ReceivedCommands {
    static final String FILE = "commands-received";
    /** Ids kept from earlier runs; a control plane resends only what its latest connections left unanswered. */
    static final int KEPT = 5_000;

    public enum Verdict { NEW, RUNNING_HERE, TAKEN_BEFORE_RESTART }

    private final Path file;
    private final Set<String> earlierRuns;
    private final Set<String> thisRun = new HashSet<>();

    private ReceivedCommands(Path file, Set<String> earlierRuns) {
        this.file = file;
        this.earlierRuns = earlierRuns;
    }

    /** Reads the ids earlier runs took on, keeping the newest {@link #KEPT} of them in the file. */
    public static ReceivedCommands open(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE);
        List<String> ids = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        List<String> kept = new ArrayList<>(ids.subList(Math.max(0, ids.size() - KEPT), ids.size()));
        kept.removeIf(String::isBlank);
        if (kept.size() < ids.size()) {
            Files.write(file, kept, StandardCharsets.UTF_8);
        }
        return new ReceivedCommands(file, new HashSet<>(kept));
    }

    /** Records {@code commandId} as taken on (on disk first) unless it was already. */
    public synchronized Verdict take(String commandId) throws IOException {
        if (thisRun.contains(commandId)) {
            return Verdict.RUNNING_HERE;
        }
        if (earlierRuns.contains(commandId)) {
            return Verdict.TAKEN_BEFORE_RESTART;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap((commandId + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        }
        thisRun.add(commandId);
        return Verdict.NEW;
    }
}
