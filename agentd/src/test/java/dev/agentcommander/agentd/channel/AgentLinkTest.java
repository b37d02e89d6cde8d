package dev.agentcommander.agentd.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.config.ControlPlaneConfig;
import dev.agentcommander.agentd.testing.FakeControlPlane;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.MessageType;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.AgentHello;
import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.agent.CommandsResult;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.command.SendInput;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentLinkTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final WireCodec codec = new WireCodec();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @TempDir
    Path dir;

    private Path tokenFile;
    private StateDir stateDir;
    private Outbox outbox;

    @BeforeEach
    void setUp() throws IOException {
        tokenFile = Files.writeString(dir.resolve("host.token"), "ach_tok_secret\n");
        stateDir = StateDir.open(dir.resolve("state"));
        outbox = Outbox.open(stateDir, codec);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        stateDir.close();
    }

    @Test
    void connect_sendsHeaders_resendsUnackedInOrder_thenHello_thenNewMessages() {
        outbox.appendAll(List.of(event("a"), event("b"), event("c")));
        FakeControlPlane cp = track(FakeControlPlane.started());
        List<LinkState> states = new CopyOnWriteArrayList<>();

        AgentLink link = link(List.of(cp.url()));
        link.addStateListener(states::add);
        link.start();

        await().atMost(WAIT).until(() -> cp.connections().size() == 1 && cp.connections().get(0).size() == 4);
        outbox.append(event("d"));
        await().atMost(WAIT).until(() -> outbox.pendingSeqs().isEmpty() && outbox.lastAcked() == 4);

        List<Envelope> frames = cp.connections().get(0);
        assertThat(frames).extracting(Envelope::type).containsExactly(MessageType.EVENTS_APPEND,
                MessageType.EVENTS_APPEND, MessageType.EVENTS_APPEND, MessageType.AGENT_HELLO, MessageType.EVENTS_APPEND);
        assertThat(frames).extracting(Envelope::seq).containsExactly(1L, 2L, 3L, null, 4L);
        AgentHello hello = frames.get(3).payloadAs(AgentHello.class);
        // Whatever was acked when the hello left: acks of the resent 1..3 may already have been applied.
        assertThat(hello.resume().lastAckedSeq()).isBetween(0L, 3L);
        assertThat(hello.agentVersion()).isEqualTo("test-version");
        assertThat(cp.handshakes().get(0)).containsEntry("authorization", "Bearer ach_tok_secret")
                .containsEntry("stream", outbox.streamId());
        assertThat(link.state()).isEqualTo(LinkState.CONNECTED);
        await().atMost(WAIT).until(() -> states.equals(List.of(LinkState.CONNECTING, LinkState.CONNECTED)));
    }

    @Test
    void hello_carriesTheAllowedRootsOfItsIdentity_onEveryConnection() {
        FakeControlPlane cp = track(FakeControlPlane.started());
        AgentLink link = track(new AgentLink(new ControlPlaneConfig(List.of(cp.url()), tokenFile), outbox, codec,
                new AgentIdentity("2.0.0", List.of("/home/ann/src", "/srv/repos")), this::answerFailed,
                Duration.ofMillis(50), Duration.ofMillis(200)));
        link.start();
        await().atMost(WAIT).until(() -> !FakeControlPlane.ofType(cp.connections().get(0),
                MessageType.AGENT_HELLO).isEmpty());

        cp.dropConnection();

        await().atMost(WAIT).until(() -> cp.connections().size() == 2 && !FakeControlPlane.ofType(
                cp.connections().get(1), MessageType.AGENT_HELLO).isEmpty());
        for (List<Envelope> connection : cp.connections()) {
            AgentHello hello = FakeControlPlane.ofType(connection, MessageType.AGENT_HELLO).get(0)
                    .payloadAs(AgentHello.class);
            assertThat(hello.agentVersion()).isEqualTo("2.0.0");
            assertThat(hello.allowedRoots()).containsExactly("/home/ann/src", "/srv/repos");
        }
    }

    @Test
    void reconnect_afterLostAcksAndADroppedConnection_storesEachSeqOnce() {
        FakeControlPlane cp = track(FakeControlPlane.started());
        cp.ackOnlyUpTo(3);
        AgentLink link = link(List.of(cp.url()));
        link.start();
        for (int i = 0; i < 6; i++) {
            outbox.append(event("e" + i));
        }
        await().atMost(WAIT).until(() -> cp.storedSeqs().size() == 6);
        await().atMost(WAIT).until(() -> outbox.lastAcked() == 3);

        cp.ackOnlyUpTo(Long.MAX_VALUE);
        cp.dropConnection();
        await().atMost(WAIT).until(() -> outbox.pendingSeqs().isEmpty());
        outbox.append(event("after"));

        await().atMost(WAIT).until(() -> cp.storedSeqs().size() == 7);
        assertThat(cp.storedSeqs()).containsExactly(LongStream.rangeClosed(1, 7).boxed().toArray(Long[]::new));
        assertThat(cp.connections()).hasSize(2);
        // The initial ack (6) told the agent that 4..6 were stored: they are not sent again.
        assertThat(FakeControlPlane.ofType(cp.connections().get(1), MessageType.EVENTS_APPEND))
                .extracting(Envelope::seq).containsExactly(7L);
        assertThat(FakeControlPlane.ofType(cp.connections().get(1), MessageType.AGENT_HELLO)).hasSize(1);
    }

    @Test
    void connect_firstUrlDown_failsOverToTheNext() throws IOException {
        FakeControlPlane cp = track(FakeControlPlane.started());
        String deadUrl;
        try (ServerSocket unused = new ServerSocket(0)) {
            deadUrl = "ws://127.0.0.1:" + unused.getLocalPort() + "/v1/agent/ws";
        }
        AgentLink link = link(List.of(deadUrl, cp.url()));
        link.start();
        outbox.append(event("a"));

        await().atMost(WAIT).until(() -> cp.storedSeqs().equals(List.of(1L)));
        assertThat(link.state()).isEqualTo(LinkState.CONNECTED);
    }

    @Test
    void command_isHandedToTheHandler_whoseResultReachesTheControlPlane() {
        FakeControlPlane cp = track(FakeControlPlane.started());
        AgentLink link = link(List.of(cp.url()));
        link.start();
        await().atMost(WAIT).until(() -> link.state() == LinkState.CONNECTED && cp.connections().size() == 1
                && !FakeControlPlane.ofType(cp.connections().get(0), MessageType.AGENT_HELLO).isEmpty());

        cp.send(new Command("cmd-1", "sess-1", new SendInput("hi", true)));

        await().atMost(WAIT).until(() -> cp.stored().stream().anyMatch(e -> e.type() == MessageType.COMMANDS_RESULT));
        CommandsResult result = cp.stored().get(0).payloadAs(CommandsResult.class);
        assertThat(result.commandId()).isEqualTo("cmd-1");
        assertThat(result.ok()).isFalse();
        assertThat(result.error()).isEqualTo("test handler: send_input");
    }

    @Test
    void malformedFrameAndAckForAnUnissuedSeq_areIgnored_andTheLinkStaysUp() {
        FakeControlPlane cp = track(FakeControlPlane.started());
        cp.ackOnlyUpTo(0);
        AgentLink link = link(List.of(cp.url()));
        link.start();
        outbox.append(event("a"));
        await().atMost(WAIT).until(() -> cp.storedSeqs().equals(List.of(1L)));

        cp.sendRaw("{not json");
        cp.sendRaw("{\"type\":\"agent.ack\",\"payload\":{\"seq\":99}}");
        cp.sendRaw("{\"type\":\"agent.ack\",\"payload\":{\"seq\":1}}");

        await().atMost(WAIT).until(() -> outbox.lastAcked() == 1 && outbox.pendingSeqs().isEmpty());
        assertThat(link.state()).isEqualTo(LinkState.CONNECTED);
        assertThat(outbox.append(event("b"))).isEqualTo(2);
    }

    @Test
    void missingTokenFile_keepsRetrying_andConnectsOnceItIsWritten() throws IOException {
        Files.delete(tokenFile);
        FakeControlPlane cp = track(FakeControlPlane.started());
        AgentLink link = link(List.of(cp.url()));
        link.start();
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> cp.connections().isEmpty());
        assertThat(link.state()).isEqualTo(LinkState.DISCONNECTED);

        Files.writeString(tokenFile, "  ach_new_token  \n");

        await().atMost(WAIT).until(() -> link.state() == LinkState.CONNECTED);
        assertThat(cp.handshakes().get(0)).containsEntry("authorization", "Bearer ach_new_token");
    }

    private AgentLink link(List<String> urls) {
        AgentLink link = new AgentLink(new ControlPlaneConfig(urls, tokenFile), outbox, codec, "test-version",
                this::answerFailed, Duration.ofMillis(50), Duration.ofMillis(200));
        toClose.add(link);
        return link;
    }

    /** A second command handler: answers every command with a failure naming its type. */
    private void answerFailed(Command command) {
        outbox.append(CommandsResult.failure(command.commandId(), "test handler: " + command.body().typeName()));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private static EventsAppend event(String name) {
        return new EventsAppend("s-1", "test." + name, null);
    }
}
