package dev.agentcommander.agentd.e2e;

import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.app.Agentd;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.config.ClaudeConfig;
import dev.agentcommander.agentd.config.CodexConfig;
import dev.agentcommander.agentd.config.ControlPlaneConfig;
import dev.agentcommander.agentd.config.GitConfig;
import dev.agentcommander.agentd.config.HooksConfig;
import dev.agentcommander.agentd.config.ProvidersConfig;
import dev.agentcommander.agentd.config.StorageConfig;
import dev.agentcommander.agentd.hooks.ClaudeHooks;
import dev.agentcommander.agentd.hooks.HookEndpoint;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.MessageType;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.ApprovalStatus;
import dev.agentcommander.schema.ui.ApprovalsChanged;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A benchmark command, not a test: hook overhead, from a {@code PermissionRequest} hook going in to its decision
 * coming out, with the approval decided at once by a client of the real control plane (subscribed to
 * {@code approvals}, deciding through REST as soon as a pending one appears). Prints p50/p99 for the HTTP hook and for
 * the {@code agentd hook} command (a JVM start each, with the fast-start flags {@code install-hooks} writes), next to
 * a {@code Notification} hook that needs no decision. Run (after {@code mvn -q -pl agentd test-compile
 * dependency:build-classpath -Dmdep.outputFile=target/cp.txt}):
 * <pre>
 * java -cp agentd/target/test-classes:agentd/target/classes:$(cat agentd/target/cp.txt) \
 *     dev.agentcommander.agentd.e2e.HookBench [http requests] [command runs]
 * </pre>
 */
public final class HookBench {
    private static final String FAST_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto";

    public static void main(String[] args) throws Exception {
        int httpRuns = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int commandRuns = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path dir = Files.createTempDirectory("hook-bench");
        WireCodec codec = new WireCodec();
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp")); TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("hook-bench");
            Path tokenFile = Files.writeString(dir.resolve("host.token"), host.token() + "\n");
            Path stateDir = dir.resolve("state");
            AgentConfig config = new AgentConfig(new ControlPlaneConfig(List.of(cp.agentUrl()), tokenFile),
                    tmux.config(1000), new StorageConfig(stateDir),
                    new ProvidersConfig(CodexConfig.defaults(), new ClaudeConfig("hook")), HooksConfig.defaults(),
                    GitConfig.defaults());
            Decider decider = new Decider(cp, codec);
            try (Agentd agentd = Agentd.start(config)) {
                String pane = tmux.paneIds().get(0);
                await().atMost(Duration.ofSeconds(30)).until(() -> cp.sessions(host.hostId()).stream()
                        .anyMatch(row -> row.tmux() != null && pane.equals(row.tmux().paneId())));
                HookEndpoint endpoint = agentd.hookEndpoint().orElseThrow();
                HttpClient http = HttpClient.newHttpClient();
                for (int i = 0; i < 20; i++) { // warm-up
                    http(http, endpoint, pane, "PermissionRequest", body(codec, "warm-" + i));
                }
                List<Long> httpPermission = new ArrayList<>();
                List<Long> httpNotification = new ArrayList<>();
                List<Long> untilSeen = new ArrayList<>();
                List<Long> untilDecided = new ArrayList<>();
                for (int i = 0; i < httpRuns; i++) {
                    long start = System.nanoTime();
                    httpPermission.add(http(http, endpoint, pane, "PermissionRequest", body(codec, "http-" + i)));
                    String command = "echo http-" + i;
                    Decider.Times times = await().atMost(Duration.ofSeconds(30))
                            .until(() -> decider.times.get(command), java.util.Objects::nonNull);
                    untilSeen.add(times.seen() - start);
                    untilDecided.add(times.decided() - times.seen());
                    httpNotification.add(http(http, endpoint, pane, "Notification", "{\"session_id\":\"b\"}"));
                }
                Path socket = stateDir.resolve(ClaudeHooks.SOCKET_FILE);
                List<Long> commandPermission = new ArrayList<>();
                List<Long> commandNotification = new ArrayList<>();
                for (int i = 0; i < commandRuns; i++) {
                    commandPermission.add(command(socket, pane, "PermissionRequest", body(codec, "cmd-" + i)));
                    commandNotification.add(command(socket, pane, "Notification", "{\"session_id\":\"b\"}"));
                }
                System.out.printf("hook overhead (hook in -> answer out), approvals decided at once through the "
                        + "control plane:%n");
                print("HTTP PermissionRequest (decided)", httpPermission);
                print("  of which: hook in -> pending seen by UI", untilSeen);
                print("  of which: REST decision request", untilDecided);
                print("HTTP Notification (no decision)", httpNotification);
                print("agentd hook PermissionRequest (decided)", commandPermission);
                print("agentd hook Notification (no decision)", commandNotification);
            } finally {
                decider.close();
            }
        }
        System.exit(0);
    }

    /** Decides every pending approval it hears of, at once. */
    private static final class Decider extends WebSocketClient {
        private final ControlPlaneFixture cp;
        private final WireCodec codec;
        private final Set<String> decided = ConcurrentHashMap.newKeySet();
        /** By the approval's command: when the UI heard of it, and when the REST decision returned. */
        private final Map<String, Times> times = new ConcurrentHashMap<>();

        record Times(long seen, long decided) {
        }

        Decider(ControlPlaneFixture cp, WireCodec codec) throws InterruptedException {
            super(URI.create(cp.uiWsUrl()));
            this.cp = cp;
            this.codec = codec;
            setTcpNoDelay(true);
            if (!connectBlocking(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("UI socket did not open");
            }
            send(codec.encode(Envelope.live(new Subscribe("a", Topic.APPROVALS,
                    codec.mapper().createObjectNode().put("status", "pending")))));
        }

        @Override
        public void onMessage(String message) {
            try {
                Envelope envelope = codec.decode(message);
                if (envelope.type() != MessageType.APPROVALS_CHANGED) {
                    return;
                }
                for (ApprovalRow row : envelope.payloadAs(ApprovalsChanged.class).approvals()) {
                    if (row.status() == ApprovalStatus.PENDING && decided.add(row.approvalId())) {
                        long seen = System.nanoTime();
                        new Thread(() -> {
                            cp.decide(row.approvalId(), "{\"decision\":\"allow\"}");
                            times.put(row.toolInput().path("command").asText(), new Times(seen, System.nanoTime()));
                        }).start();
                    }
                }
            } catch (WireFormatException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
        }

        @Override
        public void onError(Exception e) {
            System.err.println("decider: " + e);
        }
    }

    private static String body(WireCodec codec, String id) {
        return codec.mapper().createObjectNode().put("session_id", "bench-" + id)
                .put("hook_event_name", "PermissionRequest").put("tool_name", "Bash")
                .set("tool_input", codec.mapper().createObjectNode().put("command", "echo " + id)
                        .put("description", "bench")).toString();
    }

    private static long http(HttpClient http, HookEndpoint endpoint, String pane, String event, String body)
            throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint.url() + "/hooks/" + event))
                .header("Authorization", "Bearer " + endpoint.secret()).header("X-Tmux-Pane", pane)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (event.equals("PermissionRequest") && !response.body().contains("allow")) {
            throw new IllegalStateException("no decision: " + response.statusCode() + " " + response.body());
        }
        return took;
    }

    private static long command(Path socket, String pane, String event, String body) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(FAST_FLAGS.split(" ")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.agentcommander.agentd.app.AgentdMain",
                "hook", event, "--socket", socket.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("TMUX_PANE", pane);
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        long took = System.nanoTime() - start;
        if (event.equals("PermissionRequest") && !out.contains("allow")) {
            throw new IllegalStateException("no decision from agentd hook: '" + out + "'");
        }
        return took;
    }

    private static void print(String what, List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        System.out.printf("  %-42s p50 %7.1f ms  p99 %7.1f ms  (n=%d)%n", what, sorted.get(sorted.size() / 2) / 1e6,
                sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1e6, sorted.size());
    }
}
