package dev.agentcommander.agentd.console;

import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import dev.agentcommander.schema.AgentToControl;
import dev.agentcommander.schema.ConsoleChunk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark command, not a test: latency from a line's write in a real pane to its chunk reaching the link's
 * live lane (p50/p99), and throughput of one busy pane. Prints the figures. Run:
 * <pre>
 * mvn -q -pl agentd test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp agentd/target/test-classes:agentd/target/classes:$(cat agentd/target/cp.txt) \
 *     dev.agentcommander.agentd.console.ConsoleBench
 * </pre>
 */
public final class ConsoleBench {
    private static final Pattern STAMP = Pattern.compile("T(\\d{19})\r\n");

    private final Path dir;
    private final List<Long> latenciesMicros = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private long bytes;
    private volatile boolean done;

    private ConsoleBench(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("console-bench");
        new ConsoleBench(dir).run();
        System.exit(0);
    }

    private void run() throws Exception {
        try (TmuxServer server = TmuxServer.start(dir); TmuxRunner tmux = new TmuxRunner(server.config(100));
                ConsoleStreams consoles = new ConsoleStreams(tmux, dir.resolve("console"), this::receive)) {
            String pane = server.paneIds().get(0);
            server.awaitPrompt(pane);
            consoles.subscribe("bench", "6f1c1d0e-8f0a-4a57-9a43-7d1e2f3a4b5c", pane);

            server.tmux("send-keys", "-t", pane, "for i in $(seq 300); do printf 'T%s\\n' $(date +%s%N); "
                    + "sleep 0.005; done; echo lat-$((1+1))done", "Enter");
            await().atMost(Duration.ofSeconds(60)).until(() -> done);
            List<Long> sorted;
            synchronized (this) {
                sorted = latenciesMicros.stream().sorted().toList();
                done = false;
                bytes = 0;
            }
            long start = System.nanoTime();
            server.tmux("send-keys", "-t", pane, "seq 1 2500000; echo thr-$((1+1))done", "Enter");
            await().atMost(Duration.ofSeconds(60)).until(() -> done);
            double seconds = (System.nanoTime() - start) / 1e9;
            double megabytes;
            synchronized (this) {
                megabytes = bytes / 1e6;
            }

            System.out.printf("console latency pane->chunk: p50 %.2f ms, p99 %.2f ms (n=%d); "
                            + "throughput one pane: %.1f MB in %.2f s = %.1f MB/s%n",
                    sorted.get(sorted.size() / 2) / 1000.0, sorted.get((int) (sorted.size() * 0.99)) / 1000.0,
                    sorted.size(), megabytes, seconds, megabytes / seconds);
        }
    }

    private synchronized boolean receive(AgentToControl message) {
        if (!(message instanceof ConsoleChunk chunk)) {
            return true;
        }
        Instant now = Instant.now();
        byte[] data = Base64.getDecoder().decode(chunk.data());
        bytes += data.length;
        String piece = new String(data, StandardCharsets.ISO_8859_1);
        if (piece.contains("lat-2done") || piece.contains("thr-2done")) {
            done = true;
        }
        if (bytes > 1_000_000) {
            return true; // throughput phase: only count
        }
        text.append(piece);
        Matcher matcher = STAMP.matcher(text);
        int end = 0;
        while (matcher.find()) {
            long written = Long.parseLong(matcher.group(1));
            long nowNanos = ChronoUnit.NANOS.between(Instant.EPOCH, now);
            latenciesMicros.add((nowNanos - written) / 1000);
            end = matcher.end();
        }
        text.delete(0, end);
        return true;
    }
}
