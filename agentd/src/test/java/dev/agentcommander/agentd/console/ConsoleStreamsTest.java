package dev.agentcommander.agentd.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.discovery.UnknownPaneException;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import dev.agentcommander.schema.AgentToControl;
import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.agent.SessionsSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Live console on a real pane of a private tmux server, through pipe-pane into a FIFO. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsoleStreamsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SESSION = "6f1c1d0e-8f0a-4a57-9a43-7d1e2f3a4b5c";

    @TempDir
    Path dir;

    private final List<AgentToControl> sent = new CopyOnWriteArrayList<>();
    private volatile boolean accepting = true;
    /** A slow link: each message takes a while (and is only noted), so the reader falls behind and the FIFO fills. */
    private volatile boolean slowLink;
    /** The subscriptions whose pane output reached the slow link. */
    private final java.util.Set<String> streamed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private TmuxServer server;
    private TmuxRunner tmux;
    private ConsoleStreams consoles;
    private String pane;

    @BeforeEach
    void setUp() {
        server = TmuxServer.start(dir);
        tmux = new TmuxRunner(server.config(100));
        consoles = new ConsoleStreams(tmux, dir.resolve("console"), message -> slowLink ? slowlySent(message)
                : accepting && sent.add(message));
        pane = server.paneIds().get(0);
        server.awaitPrompt(pane);
    }

    @AfterEach
    void tearDown() {
        consoles.close();
        tmux.close();
        server.close();
    }

    @Test
    void subscriber_receivesAKnownStreamCompleteAndInOrder_alsoAfterResubscribing() throws Exception {
        server.tmux("send-keys", "-t", pane, "echo before-subscribe", "Enter");
        await().atMost(WAIT).until(() -> server.tmux("capture-pane", "-p", "-t", pane).contains("before-subscribe\n"));

        consoles.subscribe("sub-1", SESSION, pane);

        SessionsSnapshot snapshot = snapshots("sub-1").get(0);
        assertThat(snapshot.sessionId()).isEqualTo(SESSION);
        assertThat(snapshot.content()).contains("before-subscribe");
        assertThat(snapshot.offset()).isZero();
        assertThat(snapshot.cols()).isEqualTo(160);
        assertThat(pipes()).isEqualTo("1");
        server.tmux("send-keys", "-t", pane, "seq 1 20000; echo done-1", "Enter");
        await().atMost(WAIT).until(() -> stream("sub-1", 0).contains("\r\ndone-1\r\n"));
        assertThat(stream("sub-1", 0)).contains(numbers(1, 20000));

        assertThat(consoles.unsubscribe("sub-1")).isTrue();
        assertThat(consoles.pipedPanes()).isZero();
        assertThat(pipes()).isEqualTo("0");
        assertThat(fifos()).isEmpty();

        consoles.subscribe("sub-2", SESSION, pane);
        SessionsSnapshot second = snapshots("sub-2").get(0);
        assertThat(second.content()).contains("done-1");
        server.tmux("send-keys", "-t", pane, "seq 20001 40000; echo done-2", "Enter");
        await().atMost(WAIT).until(() -> stream("sub-2", second.offset()).contains("\r\ndone-2\r\n"));
        assertThat(stream("sub-2", second.offset())).contains(numbers(20001, 40000)).doesNotContain("done-1");

        consoles.close();
        assertThat(pipes()).isEqualTo("0");
        assertThat(fifos()).isEmpty();
    }

    @Test
    void snapshot_paintsTheScreenAndPutsTheCursorBack_andAFullScreenProgramOverTheNormalScreen() throws Exception {
        server.tmux("send-keys", "-t", pane, "clear; printf 'line-one\\nline-two\\n'", "Enter");
        await().atMost(WAIT).until(() -> server.tmux("capture-pane", "-p", "-t", pane).contains("line-two\n"));
        String cursor = server.tmux("display-message", "-p", "-t", pane, "#{cursor_y};#{cursor_x};#{history_size}");
        consoles.subscribe("shell", SESSION, pane);

        String shell = snapshots("shell").get(0).content();
        int[] yx = java.util.Arrays.stream(cursor.split(";")).mapToInt(Integer::parseInt).toArray();
        assertThat(shell).contains("line-one\nline-two\n").doesNotContain("\u001b[?1049h")
                .endsWith("\u001b[0m\u001b[" + (yx[0] + 1) + ";" + (yx[1] + 1) + "H");
        assertThat(shell.split("\n", -1)).as("one line per row, no newline that would scroll").hasSize(yx[2] + 40);
        consoles.unsubscribe("shell");

        server.tmux("send-keys", "-t", pane, "printf '\\033[?1049h\\033[?1h\\033[?25l\\033[5;9H%s%s' FU LL; sleep 60",
                "Enter");
        await().atMost(WAIT).until(() -> server.tmux("display-message", "-p", "-t", pane, "#{alternate_on}")
                .equals("1") && server.tmux("capture-pane", "-p", "-t", pane).contains("FULL"));
        consoles.subscribe("full", SESSION, pane);

        String full = snapshots("full").get(0).content();
        int enter = full.indexOf("\u001b[?1049h\u001b[H");
        assertThat(enter).as("the normal screen, then the alternate one").isPositive();
        assertThat(full.substring(0, enter)).contains("line-two").doesNotContain("FULL");
        assertThat(full.substring(enter)).contains("FULL").doesNotContain("line-two")
                .endsWith("\u001b[5;13H\u001b[?25l\u001b[?1h");
    }

    @Test
    void twoSubscriptionsOnOnePane_shareOnePipe_andTheLastToLeaveStopsIt() throws Exception {
        consoles.subscribe("a", SESSION, pane);
        consoles.subscribe("b", SESSION, pane);
        assertThat(consoles.pipedPanes()).isEqualTo(1);
        server.tmux("send-keys", "-t", pane, "echo both-see-this", "Enter");
        await().atMost(WAIT).until(() -> stream("a", 0).contains("both-see-this\r\n")
                && stream("b", snapshots("b").get(0).offset()).contains("both-see-this\r\n"));

        consoles.unsubscribe("a");
        assertThat(pipes()).isEqualTo("1");
        consoles.unsubscribe("b");
        assertThat(pipes()).isEqualTo("0");
        assertThat(consoles.unsubscribe("b")).isFalse();
    }

    @Test
    void droppedChunks_areHealedWithAFreshSnapshotAtTheNewOffset() throws Exception {
        consoles.subscribe("sub", SESSION, pane);
        accepting = false;
        server.tmux("send-keys", "-t", pane, "echo lost-while-backed-up", "Enter");
        await().atMost(WAIT).until(() -> server.tmux("capture-pane", "-p", "-t", pane)
                .contains("lost-while-backed-up\n"));
        accepting = true;

        server.tmux("send-keys", "-t", pane, "echo after-the-gap", "Enter");

        await().atMost(WAIT).until(() -> snapshots("sub").size() == 2);
        SessionsSnapshot healed = snapshots("sub").get(1);
        assertThat(healed.offset()).isPositive();
        await().atMost(WAIT).until(() -> stream("sub", healed.offset()).contains("after-the-gap\r\n")
                || healed.content().contains("after-the-gap"));
    }

    @Test
    void resubscribing_whileAFloodKeepsTheFifoFull_neverHangs_andEveryNewSubscriptionStreams() throws Exception {
        slowLink = true;
        consoles.subscribe("flood-0", SESSION, pane);
        server.tmux("send-keys", "-t", pane, "yes flooding-the-pane", "Enter");
        await().atMost(WAIT).until(() -> server.tmux("capture-pane", "-p", "-t", pane).contains("flooding-the-pane"));

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 1; i <= 10; i++) {
                assertThat(consoles.unsubscribe("flood-" + (i - 1))).isTrue();
                String next = "flood-" + i;
                consoles.subscribe(next, SESSION, pane);
                await().atMost(WAIT).until(() -> streamed.contains(next));
            }
            assertThat(consoles.unsubscribe("flood-10")).isTrue();
        }, "closing a pane's pipe under a flood must not block");
        assertThat(pipes()).isEqualTo("0");
        assertThat(fifos()).isEmpty();

        server.tmux("send-keys", "-t", pane, "C-c", "");
        server.tmux("send-keys", "-t", pane, "clear", "Enter");
        slowLink = false;
        consoles.subscribe("after", SESSION, pane);
        server.tmux("send-keys", "-t", pane, "echo after-the-flood", "Enter");
        await().atMost(WAIT).until(() -> !snapshots("after").isEmpty()
                && stream("after", snapshots("after").get(0).offset()).contains("after-the-flood\r\n"));
    }

    @Test
    void subscribingToAnUnknownPane_failsClearly_andLeavesNoPipe() {
        assertThatThrownBy(() -> consoles.subscribe("x", SESSION, "%999")).isInstanceOf(UnknownPaneException.class);
        assertThat(consoles.pipedPanes()).isZero();
    }

    @Test
    void aPaneWithSomeoneElsesPipe_isRefusedClearly_andTheirPipeIsKept() {
        server.tmux("pipe-pane", "-t", pane, "cat > /dev/null");

        assertThatThrownBy(() -> consoles.subscribe("x", SESSION, pane)).isInstanceOf(PaneBusyException.class)
                .hasMessageContaining("already has a pipe-pane");
        assertThat(pipes()).isEqualTo("1");
    }

    @Test
    void stalePipesOfAPreviousRun_areStoppedAtStart() throws Exception {
        consoles.subscribe("s", SESSION, pane);
        assertThat(pipes()).isEqualTo("1");
        // As if agentd had died here: a fresh instance on the same state dir cleans up.
        ConsoleStreams next = new ConsoleStreams(tmux, dir.resolve("console"), message -> true);
        next.cleanUpStale();

        assertThat(pipes()).isEqualTo("0");
        assertThat(fifos()).isEmpty();
        assertThat(server.tmux("display-message", "-p", "-t", pane, "#{@ac_console_pipe}")).isEmpty();
        next.close();
    }

    private boolean slowlySent(AgentToControl message) {
        if (message instanceof ConsoleChunk chunk) {
            streamed.add(chunk.subscriptionId());
        }
        try {
            Thread.sleep(5); // what each message costs this link: the pace of the reader, not a wait for anything
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private String pipes() {
        return server.tmux("display-message", "-p", "-t", pane, "#{pane_pipe}");
    }

    private List<Path> fifos() throws IOException {
        if (!Files.isDirectory(dir.resolve("console"))) {
            return List.of();
        }
        try (var files = Files.list(dir.resolve("console"))) {
            return files.toList();
        }
    }

    private List<SessionsSnapshot> snapshots(String subscriptionId) {
        return sent.stream().filter(SessionsSnapshot.class::isInstance).map(SessionsSnapshot.class::cast)
                .filter(snapshot -> subscriptionId.equals(snapshot.subscriptionId())).toList();
    }

    /** The chunks of a subscription from {@code from}, checked gapless and in order, as text. */
    private String stream(String subscriptionId, long from) {
        List<ConsoleChunk> chunks = new ArrayList<>(sent.stream().filter(ConsoleChunk.class::isInstance)
                .map(ConsoleChunk.class::cast).filter(chunk -> chunk.subscriptionId().equals(subscriptionId))
                .filter(chunk -> chunk.offset() >= from).toList());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long next = from;
        for (ConsoleChunk chunk : chunks) {
            assertThat(chunk.offset()).as("chunk offsets are contiguous").isEqualTo(next);
            byte[] data = Base64.getDecoder().decode(chunk.data());
            bytes.writeBytes(data);
            next += data.length;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String numbers(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).collect(Collectors.joining("\r\n", "",
                "\r\n"));
    }
}
