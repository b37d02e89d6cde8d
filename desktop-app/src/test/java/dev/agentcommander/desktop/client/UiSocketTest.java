package dev.agentcommander.desktop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentcommander.desktop.shell.SameThreadUiExecutor;
import dev.agentcommander.schema.ControlToUi;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.ui.SessionsChanged;
import dev.agentcommander.schema.ui.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class UiSocketTest {
    private static final UiSocket.Timing FAST = new UiSocket.Timing(
            new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)), Duration.ofSeconds(30), Duration.ofMillis(300));

    private final WireCodec codec = new WireCodec();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<SocketStatus> statuses = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private FakeUiServer server;
    private UiSocket socket;

    private record Received(ControlToUi message, boolean initial) {
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (socket != null) {
            socket.close();
        }
        if (server != null) {
            server.stop(1000);
        }
    }

    @Test
    void subscribe_receivesTheSnapshotAsInitialThenChanges() throws Exception {
        server = new FakeUiServer(codec, token -> token.startsWith("tok-")).startAndWait();
        server.rows = List.of(row("s1"));
        socket = socket(longLivedTokens());

        socket.subscribe(Topic.SESSIONS, JsonNodeFactory.instance.objectNode(), this::record);
        socket.start();

        await().until(() -> received.size() == 1);
        assertThat(received.get(0).initial()).isTrue();
        assertThat(sessionIds(received.get(0))).containsExactly("s1");

        server.push(new SessionsChanged(server.subscribes.get(0).subscriptionId(), List.of(row("s2"))));

        await().until(() -> received.size() == 2);
        assertThat(received.get(1).initial()).isFalse();
        assertThat(sessionIds(received.get(1))).containsExactly("s2");
        assertThat(statuses).last().isEqualTo(SocketStatus.CONNECTED);
    }

    @Test
    void reconnect_afterTheServerDrops_resubscribesAndGetsAFreshSnapshot() throws Exception {
        server = new FakeUiServer(codec, token -> token.startsWith("tok-")).startAndWait();
        socket = socket(longLivedTokens());
        socket.subscribe(Topic.SESSIONS, JsonNodeFactory.instance.objectNode(), this::record);
        socket.start();
        await().until(() -> received.size() == 1);

        server.dropAll();

        await().until(() -> server.subscribes.size() == 2 && received.size() == 2);
        assertThat(received.get(1).initial()).isTrue();
        assertThat(statuses).anySatisfy(status -> {
            assertThat(status.state()).isEqualTo(SocketStatus.State.DISCONNECTED);
            assertThat(status.retryAt()).isNotNull();
        });
        await().until(() -> SocketStatus.CONNECTED.equals(statuses.get(statuses.size() - 1)));
    }

    @Test
    void rejectedToken_isRetriedWithBackoffAndAFreshToken() throws Exception {
        server = new FakeUiServer(codec, token -> token.startsWith("tok-")).startAndWait();
        AtomicInteger calls = new AtomicInteger();
        socket = socket(() -> new AccessToken(calls.getAndIncrement() == 0 ? "expired" : "tok-" + calls.get(),
                Instant.now().plus(Duration.ofMinutes(5))));
        socket.subscribe(Topic.SESSIONS, JsonNodeFactory.instance.objectNode(), this::record);

        socket.start();

        await().until(() -> received.size() == 1);
        assertThat(server.rejectedTokens).containsExactly("expired");
        assertThat(statuses).extracting(SocketStatus::state).containsSubsequence(SocketStatus.State.CONNECTING,
                SocketStatus.State.DISCONNECTED, SocketStatus.State.CONNECTING, SocketStatus.State.CONNECTED);
    }

    @Test
    void rotation_beforeTheTokenExpires_swapsConnectionsWithoutGoingDown() throws Exception {
        server = new FakeUiServer(codec, token -> token.startsWith("tok-")).startAndWait();
        // Each token expires 30.5 s out, and rotation is due 30 s before expiry: a swap every half second.
        socket = socket(() -> new AccessToken("tok-" + issued.incrementAndGet(), Instant.now().plusMillis(30_500)));
        socket.subscribe(Topic.SESSIONS, JsonNodeFactory.instance.objectNode(), this::record);

        socket.start();

        await().until(() -> server.acceptedTokens.contains("tok-3"));
        await().until(() -> server.openConnections.size() == 1);
        assertThat(statuses).extracting(SocketStatus::state).doesNotContain(SocketStatus.State.DISCONNECTED);
        assertThat(received).filteredOn(Received::initial).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void close_stopsReconnecting() throws Exception {
        server = new FakeUiServer(codec, token -> token.startsWith("tok-")).startAndWait();
        socket = socket(longLivedTokens());
        socket.start();
        await().until(() -> server.openConnections.size() == 1);

        socket.close();

        await().until(() -> server.openConnections.isEmpty());
        int accepted = server.acceptedTokens.size();
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                .until(() -> server.acceptedTokens.size() == accepted);
    }

    private UiSocket socket(TokenSource tokens) {
        return new UiSocket(server.uiWsUrl(), tokens, codec, new SameThreadUiExecutor(), statuses::add, FAST,
                Clock.systemUTC());
    }

    private TokenSource longLivedTokens() {
        return () -> new AccessToken("tok-" + issued.incrementAndGet(), Instant.now().plus(Duration.ofMinutes(5)));
    }

    private void record(ControlToUi message, boolean initial) {
        received.add(new Received(message, initial));
    }

    private static List<String> sessionIds(Received received) {
        return ((SessionsChanged) received.message()).sessions().stream().map(SessionRow::sessionId).toList();
    }

    private static SessionRow row(String id) {
        Instant now = Instant.now();
        return new SessionRow(id, "h-1", id, Provider.SHELL, SessionStatus.IDLE, false, null, "/tmp", null, null,
                null, now, now, now);
    }
}
