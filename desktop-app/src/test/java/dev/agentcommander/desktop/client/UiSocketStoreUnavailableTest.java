package dev.agentcommander.desktop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentcommander.desktop.shell.SameThreadUiExecutor;
import dev.agentcommander.schema.ControlToUi;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.schema.ui.SessionsChanged;
import dev.agentcommander.schema.ui.Topic;
import dev.agentcommander.server.app.ControlPlane;
import dev.agentcommander.server.app.ServerConfig;
import dev.agentcommander.server.testing.RestartablePostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop's UI socket against a real control plane whose PostgreSQL stops and starts again: the status says
 * the store is unavailable (the socket stays up), and a subscription the control plane refused meanwhile is made
 * again by itself once the database answers, so that screen is not left empty.
 */
@Timeout(120)
class UiSocketStoreUnavailableTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path postgresDir;
    @TempDir
    Path dataDir;

    private final WireCodec codec = new WireCodec();
    private final List<SocketStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<ControlToUi> beforeOutage = new CopyOnWriteArrayList<>();
    private final List<ControlToUi> duringOutage = new CopyOnWriteArrayList<>();

    @Test
    void postgresqlDown_theStatusSaysSo_andASubscriptionRefusedMeanwhileIsMadeAgainWhenItIsBack() throws Exception {
        RestartablePostgres server = new RestartablePostgres(postgresDir);
        EmbeddedPostgres postgres = server.start();
        try (ControlPlane plane = ControlPlane.start(new ServerConfig(postgres.getJdbcUrl("postgres", "postgres"),
                "a-test-secret-that-is-long-enough-for-hs256-0123456789", "127.0.0.1", 0, dataDir))) {
            AccessToken token = AccessToken.fromJwt(plane.mintUserToken(Role.VIEWER, "ann@example.com",
                    Duration.ofMinutes(10)), codec);
            try (UiSocket socket = new UiSocket(URI.create(plane.uiWsUrl()), () -> token, codec,
                    new SameThreadUiExecutor(), statuses::add, UiSocket.Timing.DEFAULT, Clock.systemUTC())) {
                socket.subscribe(Topic.SESSIONS, JsonNodeFactory.instance.objectNode(),
                        (message, initial) -> beforeOutage.add(message));
                socket.start();
                await().atMost(WAIT).until(() -> !beforeOutage.isEmpty());

                postgres.close();

                await().atMost(WAIT).until(() -> last().state() == SocketStatus.State.STORE_UNAVAILABLE);
                assertThat(last().detail()).contains("database cannot be reached");
                socket.subscribe(Topic.SESSIONS, JsonNodeFactory.instance.objectNode(),
                        (message, initial) -> duringOutage.add(message));
                await().during(Duration.ofSeconds(2)).atMost(WAIT).until(duringOutage::isEmpty);

                postgres = server.start();

                await().atMost(WAIT).until(() -> last().equals(SocketStatus.CONNECTED));
                await().atMost(WAIT).until(() -> !duringOutage.isEmpty());
                assertThat(duringOutage.get(0)).isInstanceOf(SessionsChanged.class);
                assertThat(statuses).as("the socket itself stayed up")
                        .noneMatch(status -> status.state() == SocketStatus.State.DISCONNECTED);
            }
        } finally {
            postgres.close();
        }
    }

    private SocketStatus last() {
        return statuses.isEmpty() ? SocketStatus.CONNECTING : statuses.get(statuses.size() - 1);
    }
}
