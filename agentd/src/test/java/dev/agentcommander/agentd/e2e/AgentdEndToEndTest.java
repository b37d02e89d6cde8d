package dev.agentcommander.agentd.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.agentd.app.Agentd;
import dev.agentcommander.agentd.channel.LinkState;
import dev.agentcommander.agentd.channel.Outbox;
import dev.agentcommander.agentd.channel.StateDir;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.config.ClaudeConfig;
import dev.agentcommander.agentd.config.ControlPlaneConfig;
import dev.agentcommander.agentd.config.GitConfig;
import dev.agentcommander.agentd.config.HooksConfig;
import dev.agentcommander.agentd.config.ProvidersConfig;
import dev.agentcommander.agentd.config.StorageConfig;
import dev.agentcommander.agentd.config.WorkspacesConfig;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.MessageType;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.ui.ConsoleInput;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import dev.agentcommander.schema.ui.Unsubscribe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** agentd against the real control plane: discovery → outbox → WebSocket → database, and crash safety. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AgentdEndToEndTest {
    /** Generous: the machine may be busy with other builds, and two JVMs start here. */
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void agentd_reportsPanesToTheControlPlane_andKeepsSessionIdsAcrossARestart() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("e2e-host");
            tmux.tmux("split-window", "-t", "main");
            AgentConfig config = config(cp, host, tmux, 100);
            Map<String, String> firstIds;
            try (Agentd agentd = Agentd.start(config)) {
                firstIds = awaitSessionsMatchTmux(cp, host, tmux);
                assertThat(firstIds).hasSize(2);
                assertThat(agentd.linkState()).isEqualTo(LinkState.CONNECTED);
                assertThat(cp.host(host.hostId()).get("online").booleanValue()).isTrue();
            }
            String victim = tmux.paneIds().get(1);
            tmux.tmux("kill-pane", "-t", victim);

            try (Agentd agentd = Agentd.start(config)) {
                Map<String, String> secondIds = awaitSessionsMatchTmux(cp, host, tmux);
                String survivor = tmux.paneIds().get(0);
                assertThat(secondIds.get(survivor)).isEqualTo(firstIds.get(survivor));
                await().atMost(WAIT).until(() -> statusOf(cp, host, firstIds.get(victim)) == SessionStatus.GONE);
                await().atMost(WAIT).until(() -> cp.lastAckedSeq(host.hostId()) == ackedSeqOnDisk(config));
            }
        }
    }

    @Test
    void refusedHostToken_keepsTheLinkDown_untilTheTokenFileHoldsAValidToken() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("token-host");
            AgentConfig config = config(cp, host, tmux, 200);
            Files.writeString(config.controlPlane().tokenFile(), "ach_wrong_" + "x".repeat(43));
            List<LinkState> states = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (Agentd agentd = Agentd.start(config)) {
                agentd.addLinkListener(states::add);
                await().atMost(WAIT).until(() -> states.contains(LinkState.CONNECTING)
                        && states.contains(LinkState.DISCONNECTED));
                assertThat(states).doesNotContain(LinkState.CONNECTED);

                Files.writeString(config.controlPlane().tokenFile(), host.token());

                await().atMost(WAIT).until(() -> agentd.linkState() == LinkState.CONNECTED);
                awaitSessionsMatchTmux(cp, host, tmux);
            }
        }
    }

    @Test
    void agentdKilledMidStream_andRestarted_storesEveryDurableMessageExactlyOnce() throws Exception {
        int before = 1200;
        int after = 100;
        try (ControlPlaneFixture cp = ControlPlaneFixture.postgres(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir);
                PaneChurn churn = new PaneChurn(tmux)) {
            ControlPlaneFixture.Host host = cp.createHost("crash-host");
            AgentConfig config = config(cp, host, tmux, 200);
            Path configFile = writeConfig(config);
            queueEvents(config, "before", before);
            Path log = dir.resolve("agentd.log");

            try {
                crashAndRecover(cp, host, tmux, churn, config, configFile, log, before, after);
            } catch (AssertionError | RuntimeException e) {
                System.out.println("agentd log:\n" + (Files.exists(log) ? Files.readString(log) : "(none)"));
                throw e;
            }
        }
    }

    /** Pane churn, agentd killed with SIGKILL mid-resend, more messages queued while down, restart, drain. */
    private void crashAndRecover(ControlPlaneFixture cp, ControlPlaneFixture.Host host, TmuxServer tmux,
                                 PaneChurn churn, AgentConfig config, Path configFile, Path log, int before, int after)
            throws Exception {
        churn.start();
        long ackedAtKill;
        try (AgentdProcess first = AgentdProcess.start(configFile, log)) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> cp.lastAckedSeq(host.hostId()) > 0);
            first.kill();
            ackedAtKill = cp.lastAckedSeq(host.hostId());
        }
        queueEvents(config, "after", after); // while agentd is down: its state dir lock is free
        try (AgentdProcess second = AgentdProcess.start(configFile, log)) {
            await().atMost(WAIT).until(() -> cp.lastAckedSeq(host.hostId()) > before + after);
            churn.close();

            await().atMost(WAIT).until(() -> pendingFiles(config).isEmpty()
                    && cp.lastAckedSeq(host.hostId()) == ackedSeqOnDisk(config));
            awaitSessionsMatchTmux(cp, host, tmux);
            assertThat(second.terminate()).as("agentd exits on SIGTERM").isEqualTo(143);
        }

        System.out.printf("crash test: killed at last_acked_seq %d of %d queued events; %d durable messages in all;"
                + " %d churn steps%n", ackedAtKill, before, ackedSeqOnDisk(config), churn.steps());
        assertThat(ackedAtKill).as("the kill came mid-stream").isLessThan(before);
        Map<String, Integer> stored = storedTicks(cp);
        assertThat(stored.values()).as("no event stored twice").allMatch(count -> count == 1);
        assertThat(stored).hasSize(before + after);
    }

    @Test
    void sendInputThroughTheControlPlane_reachesThePaneLiterally_andTheCommandCompletes() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("e2e-commands");
            String pane = tmux.paneIds().get(0);
            tmux.awaitPrompt(pane);
            try (Agentd agentd = Agentd.start(config(cp, host, tmux, 100))) {
                String sessionId = awaitSessionsMatchTmux(cp, host, tmux).get(pane);
                Path out = dir.resolve("typed.txt");
                tmux.tmux("send-keys", "-t", pane, "cat > " + out, "Enter");
                await().atMost(WAIT).until(() -> tmux.tmux("display-message", "-p", "-t", pane,
                        "#{pane_current_command}").equals("cat"));
                String text = "e2e; $HOME #{pane_id} \\; ends;";

                String commandId = cp.issueCommand(sessionId, codec().mapper().createObjectNode()
                        .put("type", "send_input").put("text", text).put("enter", true).toString());

                await().atMost(WAIT).until(() -> "completed".equals(cp.command(commandId).path("status").asText()));
                tmux.tmux("send-keys", "-t", pane, "C-d");
                await().atMost(WAIT).until(() -> Files.exists(out) && Files.readString(out).equals(text + "\n"));
                assertThat(cp.command(commandId).path("result").path("pane_id").asText()).isEqualTo(pane);
            }
        }
    }

    @Test
    void spawnSessionThroughTheControlPlane_makesAWorktreeSession_andCleanupKeepsUnmergedWorkUnlessForced()
            throws Exception {
        Path repo = Files.createDirectories(dir.resolve("projects/shop"));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "-q", "--allow-empty", "-m", "one");
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("e2e-spawn");
            AgentConfig base = config(cp, host, tmux, 100);
            AgentConfig config = new AgentConfig(base.controlPlane(), base.tmux(), base.storage(), base.providers(),
                    base.hooks(), base.git(), new WorkspacesConfig(List.of(dir.resolve("projects")),
                    dir.resolve("worktrees")));
            try (Agentd agentd = Agentd.start(config)) {
                String spawnId = cp.issueHostCommand(host.hostId(), codec().mapper().createObjectNode()
                        .put("type", "spawn_session").put("repo", repo.toString()).put("branch", "feature/cart")
                        .toString());
                JsonNode spawned = await().atMost(WAIT).until(() -> cp.command(spawnId),
                        command -> "completed".equals(command.path("status").asText()));
                String sessionId = spawned.path("result").path("session_id").asText();
                Path worktree = Path.of(spawned.path("result").path("worktree").asText());
                await().atMost(WAIT).until(() -> cp.sessions(host.hostId()).stream().anyMatch(row ->
                        row.sessionId().equals(sessionId) && row.git() != null
                                && "feature/cart".equals(row.git().branch())));
                git(worktree, "-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "-q", "--allow-empty",
                        "-m", "work in progress");

                String refused = cp.issueCommand(sessionId, "{\"type\":\"cleanup_session\"}");
                JsonNode kept = await().atMost(WAIT).until(() -> cp.command(refused),
                        command -> "failed".equals(command.path("status").asText()));
                assertThat(kept.path("error").asText()).contains("1 commit on feature/cart neither merged into main nor pushed");
                assertThat(worktree).isDirectory();

                String forced = cp.issueCommand(sessionId, "{\"type\":\"cleanup_session\",\"force\":true}");
                await().atMost(WAIT).until(() -> "completed".equals(cp.command(forced).path("status").asText()));
                assertThat(worktree).doesNotExist();
                await().atMost(WAIT).until(() -> cp.sessions(host.hostId()).stream().anyMatch(row ->
                        row.sessionId().equals(sessionId) && row.status() == SessionStatus.GONE));
            }
        }
    }

    private static void git(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", cwd.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0).as(output).isTrue();
    }

    @Test
    void consoleThroughTheControlPlane_aUiSubscriberSeesThePane_andLeavingStopsThePipe() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("e2e-console");
            String pane = tmux.paneIds().get(0);
            tmux.awaitPrompt(pane);
            try (Agentd agentd = Agentd.start(config(cp, host, tmux, 100))) {
                String sessionId = awaitSessionsMatchTmux(cp, host, tmux).get(pane);
                UiConsoleClient ui = new UiConsoleClient(cp.uiWsUrl());
                assertThat(ui.connectBlocking(30, TimeUnit.SECONDS)).isTrue();
                ui.send(codec().encode(Envelope.live(new Subscribe("ui-1", Topic.CONSOLE,
                        codec().mapper().createObjectNode().put("session_id", sessionId)))));
                await().atMost(WAIT).until(() -> pipeOf(tmux, pane).equals("1"));

                cp.issueCommand(sessionId, "{\"type\":\"send_input\",\"text\":\"echo ui-$((6*7))\",\"enter\":true}");

                await().atMost(WAIT).until(() -> uiConsoleText(ui).contains("ui-42\r\n"));

                type(ui, "sleep 30\r");
                await().atMost(WAIT).until(() -> screen(tmux, pane).contains("sleep 30"));
                type(ui, "\u0003");
                type(ui, "echo typed-\u00e9-$((6*7))\r");
                await().atMost(WAIT).until(() -> uiConsoleText(ui).contains("typed-\u00e9-42\r\n"));
                assertThat(screen(tmux, pane)).contains("^C").contains("typed-\u00e9-42");

                await().atMost(WAIT).until(() -> size(cp, host, sessionId).equals(List.of(160, 40)));
                cp.issueCommand(sessionId, "{\"type\":\"resize_pane\",\"cols\":100,\"rows\":30}");
                await().atMost(WAIT).until(() -> size(cp, host, sessionId).equals(List.of(100, 30)));
                assertThat(tmux.tmux("display-message", "-p", "-t", pane, "#{pane_width}x#{pane_height}"))
                        .isEqualTo("100x30");
                ui.closeBlocking();
                await().atMost(WAIT).until(() -> pipeOf(tmux, pane).equals("0"));
            }
        }
    }

    @Test
    void consoleResubscribedOverAndOver_whileThePaneFloods_streamsAgainEveryTime() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("e2e-resubscribe");
            String pane = tmux.paneIds().get(0);
            tmux.awaitPrompt(pane);
            try (Agentd agentd = Agentd.start(config(cp, host, tmux, 100))) {
                String sessionId = awaitSessionsMatchTmux(cp, host, tmux).get(pane);
                tmux.tmux("send-keys", "-t", pane, "-l", "i=0; while :; do i=$((i+1)); echo tick-$i; sleep 0.01; done");
                tmux.tmux("send-keys", "-t", pane, "Enter");
                UiConsoleClient ui = new UiConsoleClient(cp.uiWsUrl());
                assertThat(ui.connectBlocking(30, TimeUnit.SECONDS)).isTrue();
                for (int round = 0; round < 12; round++) {
                    String subscription = "round-" + round;
                    ui.send(codec().encode(Envelope.live(new Subscribe(subscription, Topic.CONSOLE,
                            codec().mapper().createObjectNode().put("session_id", sessionId)))));
                    // live output after the opening repaint: the pane prints a line every 10 ms
                    await("round " + round + " streams").atMost(WAIT)
                            .until(() -> liveChunks(ui, subscription) >= 3);
                    ui.send(codec().encode(Envelope.live(new Unsubscribe(subscription))));
                    if (round % 3 == 2) {
                        // shown again only after the hidden tile's stream has fully stopped in agentd
                        await().atMost(WAIT).until(() -> pipeOf(tmux, pane).equals("0"));
                    }
                }
                ui.closeBlocking();
                await().atMost(WAIT).until(() -> pipeOf(tmux, pane).equals("0"));
                tmux.tmux("send-keys", "-t", pane, "C-c", "");
            }
        }
    }

    /** Chunks of a UI subscription that are the pane's output, not a repaint (which starts with ESC c). */
    private static long liveChunks(UiConsoleClient ui, String subscription) {
        return ui.received().stream().filter(e -> e.type() == MessageType.CONSOLE_CHUNK)
                .map(e -> e.payloadAs(ConsoleChunk.class))
                .filter(chunk -> chunk.subscriptionId().equals(subscription))
                .filter(chunk -> !text(chunk).startsWith("\u001bc"))
                .count();
    }

    private static void type(UiConsoleClient ui, String keys) {
        ui.send(codec().encode(Envelope.live(new ConsoleInput("ui-1",
                Base64.getEncoder().encodeToString(keys.getBytes(StandardCharsets.UTF_8))))));
    }

    /** The session row's pane size as [cols, rows]. */
    private static List<Integer> size(ControlPlaneFixture cp, ControlPlaneFixture.Host host, String sessionId) {
        return cp.sessions(host.hostId()).stream().filter(row -> row.sessionId().equals(sessionId))
                .map(row -> Arrays.asList(row.tmux().cols(), row.tmux().rows())).findFirst().orElse(List.of());
    }

    private static String screen(TmuxServer tmux, String pane) {
        return tmux.tmux("capture-pane", "-p", "-t", pane);
    }

    private static String pipeOf(TmuxServer tmux, String pane) {
        return tmux.tmux("display-message", "-p", "-t", pane, "#{pane_pipe}");
    }

    private static String uiConsoleText(UiConsoleClient ui) {
        return ui.received().stream().filter(e -> e.type() == MessageType.CONSOLE_CHUNK)
                .map(e -> e.payloadAs(ConsoleChunk.class))
                .map(AgentdEndToEndTest::text)
                .collect(Collectors.joining());
    }

    private static String text(ConsoleChunk chunk) {
        return new String(Base64.getDecoder().decode(chunk.data()), StandardCharsets.UTF_8);
    }

    private static WireCodec codec() {
        return new WireCodec();
    }

    private static Map<String, String> awaitSessionsMatchTmux(ControlPlaneFixture cp, ControlPlaneFixture.Host host,
                                                              TmuxServer tmux) {
        await().atMost(WAIT).until(() -> liveSessionsByPane(cp, host).equals(tagsByPane(tmux)));
        return tagsByPane(tmux);
    }

    /** pane id → session id of every session with a pane the control plane lists as not gone. */
    private static Map<String, String> liveSessionsByPane(ControlPlaneFixture cp, ControlPlaneFixture.Host host) {
        Map<String, String> byPane = new HashMap<>();
        for (SessionRow row : cp.sessions(host.hostId())) {
            if (row.status() != SessionStatus.GONE && row.tmux() != null) {
                byPane.put(row.tmux().paneId(), row.sessionId());
            }
        }
        return byPane;
    }

    private static Map<String, String> tagsByPane(TmuxServer tmux) {
        String out = tmux.tmux("list-panes", "-a", "-F", "#{pane_id} #{@ac_session_id}");
        return out.lines().map(line -> line.split(" ", -1))
                .collect(Collectors.toMap(parts -> parts[0], parts -> parts[1]));
    }

    private static SessionStatus statusOf(ControlPlaneFixture cp, ControlPlaneFixture.Host host, String sessionId) {
        return cp.sessions(host.hostId()).stream().filter(row -> row.sessionId().equals(sessionId))
                .map(SessionRow::status).findFirst().orElse(null);
    }

    private AgentConfig config(ControlPlaneFixture cp, ControlPlaneFixture.Host host, TmuxServer tmux, int pollMs)
            throws IOException {
        Path tokenFile = Files.writeString(dir.resolve("host.token"), host.token() + "\n");
        return new AgentConfig(new ControlPlaneConfig(List.of(cp.agentUrl()), tokenFile), tmux.config(pollMs),
                new StorageConfig(dir.resolve("state")), ProvidersConfig.defaults(), HooksConfig.defaults(),
                new GitConfig(5000));
    }

    private Path writeConfig(AgentConfig config) throws IOException {
        String yaml = """
                control_plane:
                  urls: ["%s"]
                  token_file: %s
                tmux:
                  socket: "%s"
                  poll_interval_ms: %d
                storage:
                  state_dir: %s
                providers:
                  claude: { approval_mode: %s }
                """.formatted(config.controlPlane().urls().get(0), config.controlPlane().tokenFile(),
                config.tmux().socket(), config.tmux().pollIntervalMs(), config.storage().stateDir(),
                ClaudeConfig.DEFAULT_APPROVAL_MODE);
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }

    /**
     * Puts numbered events straight into agentd's outbox (agentd not running), so every one can be counted; they go
     * to a pane-less session whose row is queued first (events of a session the control plane has no row of are
     * refused).
     */
    private static void queueEvents(AgentConfig config, String phase, int count) {
        WireCodec codec = new WireCodec();
        String session = "crash-test-" + phase + "-" + UUID.randomUUID();
        try (StateDir stateDir = StateDir.open(config.storage().stateDir())) {
            Outbox outbox = Outbox.open(stateDir, codec);
            outbox.append(new SessionsUpsert(List.of(new SessionRow(session, null, "ticks", Provider.CODEX,
                    SessionStatus.RUNNING, false, null, null, null, null, null, null, null, null))));
            List<EventsAppend> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                batch.add(new EventsAppend(session, "test.tick",
                        codec.mapper().createObjectNode().put("phase", phase).put("n", i)));
                if (batch.size() == 500 || i == count - 1) {
                    outbox.appendAll(batch);
                    batch.clear();
                }
            }
        }
    }

    private static List<Path> pendingFiles(AgentConfig config) throws IOException {
        try (var files = Files.list(config.storage().stateDir().resolve("outbox"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).toList();
        }
    }

    private static long ackedSeqOnDisk(AgentConfig config) throws IOException {
        return Long.parseLong(Files.readString(config.storage().stateDir().resolve("outbox/acked-seq")).strip());
    }

    /** "phase/n" → how many times it was stored. */
    private static Map<String, Integer> storedTicks(ControlPlaneFixture cp) throws SQLException, IOException {
        WireCodec codec = new WireCodec();
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = cp.database(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT payload FROM events WHERE event_type = 'test.tick'")) {
            while (rows.next()) {
                var payload = codec.mapper().readTree(rows.getString(1));
                counts.merge(payload.get("phase").textValue() + "/" + payload.get("n").intValue(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Keeps creating, renaming and killing panes on a schedule until closed. */
    private static final class PaneChurn implements AutoCloseable {
        private final TmuxServer tmux;
        private final java.util.concurrent.ScheduledExecutorService scheduler =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        private final java.util.Random random = new java.util.Random(42);
        private volatile int steps;

        PaneChurn(TmuxServer tmux) {
            this.tmux = tmux;
        }

        void start() {
            scheduler.scheduleAtFixedRate(this::step, 0, 60, TimeUnit.MILLISECONDS);
        }

        int steps() {
            return steps;
        }

        private void step() {
            List<String> panes = tmux.paneIds();
            int action = random.nextInt(10);
            if (panes.size() < 3 || panes.size() < 10 && action < 5) {
                tmux.tryTmux("new-window", "-d", "-t", "main");
            } else if (action < 8 && panes.size() > 1) {
                tmux.tryTmux("kill-pane", "-t", panes.get(1 + random.nextInt(panes.size() - 1)));
            } else {
                tmux.tryTmux("rename-window", "-t", panes.get(random.nextInt(panes.size())), "w" + steps);
            }
            steps++;
        }

        @Override
        public void close() throws InterruptedException {
            scheduler.shutdownNow();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
