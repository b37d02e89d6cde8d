package dev.agentcommander.agentd.e2e;

import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.app.Agentd;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.MessageType;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A benchmark command, not a test: console latency from a line's write in a real pane to a UI WebSocket subscriber of
 * the real control plane (pane → tmux → pipe-pane FIFO → agentd → agent socket → control plane → UI socket), next to
 * the floor: a bare reader of a {@code pipe-pane} FIFO of the same pane. Prints p50/p99 of both and the difference.
 * Run (after {@code mvn -q -pl agentd test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt}):
 * <pre>
 * java -cp agentd/target/test-classes:agentd/target/classes:$(cat agentd/target/cp.txt) \
 *     dev.agentcommander.agentd.e2e.ConsoleLatencyBench [lines]
 * </pre>
 */
public final class ConsoleLatencyBench {
    private static final Pattern STAMP = Pattern.compile("T(\\d{19})\r?\n");

    /** Collects the stamps of one stream: text in, one latency per complete stamped line. */
    private static final class Stamps {
        private final StringBuilder text = new StringBuilder();
        private final List<Long> latenciesMicros = new ArrayList<>();
        private final String marker;
        private boolean done;

        Stamps(String marker) {
            this.marker = marker;
        }

        synchronized void received(String piece, Instant at) {
            text.append(piece);
            Matcher matcher = STAMP.matcher(text);
            int end = 0;
            long atNanos = ChronoUnit.NANOS.between(Instant.EPOCH, at);
            while (matcher.find()) {
                latenciesMicros.add((atNanos - Long.parseLong(matcher.group(1))) / 1000);
                end = matcher.end();
            }
            if (text.indexOf(marker + "-2done") >= 0) {
                done = true;
            }
            text.delete(0, end);
        }

        synchronized boolean done() {
            return done;
        }

        synchronized List<Long> sorted() {
            return latenciesMicros.stream().sorted().toList();
        }
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path dir = Files.createTempDirectory("console-latency-bench");
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            String pane = tmux.paneIds().get(0);
            tmux.awaitPrompt(pane);
            List<Long> floor = floor(dir, tmux, pane, lines);
            List<Long> full = throughTheControlPlane(dir, cp, tmux, pane, lines);
            System.out.printf("console latency, %d lines, pane -> reader:%n", lines);
            print("floor: bare pipe-pane FIFO reader", floor);
            print("agentd -> control plane -> UI WebSocket", full);
            System.out.printf("  difference: p50 %+.2f ms, p99 %+.2f ms%n",
                    (percentile(full, 0.5) - percentile(floor, 0.5)) / 1000.0,
                    (percentile(full, 0.99) - percentile(floor, 0.99)) / 1000.0);
        }
        System.exit(0);
    }

    private static List<Long> floor(Path dir, TmuxServer tmux, String pane, int lines) throws Exception {
        Path fifo = dir.resolve("floor.fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        Stamps stamps = new Stamps("floor");
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(fifo)) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    stamps.received(new String(buffer, 0, read, StandardCharsets.ISO_8859_1), Instant.now());
                }
            } catch (Exception e) {
                System.err.println("floor reader: " + e);
            }
        }, "floor-reader");
        reader.setDaemon(true);
        reader.start();
        tmux.tmux("pipe-pane", "-o", "-t", pane, "exec cat > " + fifo);
        stamp(tmux, pane, lines, "floor");
        await().atMost(Duration.ofSeconds(120)).until(stamps::done);
        tmux.tmux("pipe-pane", "-t", pane);
        // the next phase's opening snapshot must not bring these stamps back
        tmux.tmux("send-keys", "-t", pane, "clear", "Enter");
        Thread.sleep(300);
        tmux.tmux("clear-history", "-t", pane);
        reader.join(5000);
        return stamps.sorted();
    }

    private static List<Long> throughTheControlPlane(Path dir, ControlPlaneFixture cp, TmuxServer tmux, String pane,
                                                     int lines) throws Exception {
        ControlPlaneFixture.Host host = cp.createHost("bench");
        Path tokenFile = Files.writeString(dir.resolve("host.token"), host.token() + "\n");
        AgentConfig config = AgentConfig.forLocal(List.of(cp.agentUrl()), tokenFile, tmux.socket(),
                dir.resolve("state"));
        try (Agentd agentd = Agentd.start(config)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> cp.sessions(host.hostId()).stream()
                    .anyMatch(row -> row.tmux() != null && row.tmux().paneId().equals(pane)));
            String sessionId = cp.sessions(host.hostId()).stream()
                    .filter(row -> row.tmux() != null && row.tmux().paneId().equals(pane))
                    .map(SessionRow::sessionId).findFirst().orElseThrow();
            WireCodec codec = new WireCodec();
            Stamps stamps = new Stamps("full");
            WebSocketClient ui = new WebSocketClient(URI.create(cp.uiWsUrl())) {
                @Override
                public void onOpen(ServerHandshake handshake) {
                }

                @Override
                public void onMessage(String message) {
                    Instant at = Instant.now();
                    Envelope envelope;
                    try {
                        envelope = codec.decode(message);
                    } catch (WireFormatException e) {
                        throw new IllegalStateException("malformed UI frame: " + message, e);
                    }
                    if (envelope.type() == MessageType.CONSOLE_CHUNK) {
                        ConsoleChunk chunk = envelope.payloadAs(ConsoleChunk.class);
                        stamps.received(new String(Base64.getDecoder().decode(chunk.data()),
                                StandardCharsets.ISO_8859_1), at);
                    }
                }

                @Override
                public void onClose(int code, String reason, boolean remote) {
                }

                @Override
                public void onError(Exception e) {
                    System.err.println("UI socket: " + e);
                }
            };
            ui.setTcpNoDelay(true);
            if (!ui.connectBlocking(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("UI socket did not open");
            }
            ui.send(codec.encode(Envelope.live(new Subscribe("bench", Topic.CONSOLE,
                    codec.mapper().createObjectNode().put("session_id", sessionId)))));
            await().atMost(Duration.ofSeconds(30)).until(() -> tmux.tmux("display-message", "-p", "-t", pane,
                    "#{pane_pipe}").trim().equals("1"));
            Thread.sleep(500); // the opening snapshot first
            stamp(tmux, pane, lines, "full");
            await().atMost(Duration.ofSeconds(120)).until(stamps::done);
            ui.closeBlocking();
            return stamps.sorted();
        }
    }

    /** Prints {@code lines} stamped lines, 5 ms apart, then a marker the readers stop at. */
    private static void stamp(TmuxServer tmux, String pane, int lines, String marker) {
        tmux.tmux("send-keys", "-t", pane, "for i in $(seq " + lines + "); do printf 'T%s\\n' $(date +%s%N); "
                + "sleep 0.005; done; echo " + marker + "-$((1+1))done", "Enter");
    }

    private static void print(String what, List<Long> sorted) {
        System.out.printf("  %-42s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (n=%d)%n", what,
                percentile(sorted, 0.5) / 1000.0, percentile(sorted, 0.99) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0, sorted.size());
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
    }
}
