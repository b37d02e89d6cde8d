package dev.agentcommander.server.uilink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.command.ConsoleSubscribe;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.ui.SessionsChanged;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import dev.agentcommander.server.testing.RestartablePostgres;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import dev.agentcommander.server.testing.TestUi;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A UI socket while PostgreSQL is down: told so on every subscription that reads the store, and again when it is
 * back.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StoreUnavailableTest {
    @TempDir
    Path dataDir;

    /** A private PostgreSQL on a fixed data dir and port, so it can be stopped and started again. */
    @Test
    void postgresqlDown_everySubscriptionIsToldStoreUnavailable_thenStoreAvailableWhenItIsBack() throws IOException {
        RestartablePostgres server = new RestartablePostgres(dataDir);
        EmbeddedPostgres postgres = server.start();
        try (TestPlane cp = TestPlane.join(postgres.getJdbcUrl("postgres", "postgres"), TestPlane.SECRET)) {
            HostAccess host = cp.newHost();
            TestAgent agent = cp.agent(host, "stream");
            String sessionId = "store-" + host.hostId();
            agent.sendDurable(1, new SessionsUpsert(List.of(new SessionRow(sessionId, null, "api", Provider.CLAUDE,
                    SessionStatus.RUNNING, false, null, "/work/api", null, null, null, null, null, null))));
            agent.awaitAck(1);
            TestUi ui = TestUi.connect(cp.plane().uiWsUrl(), cp.token(Role.VIEWER));
            ui.send(new Subscribe("s", Topic.SESSIONS, null));
            ui.awaitPayload(SessionsChanged.class, changed -> changed.subscriptionId().equals("s"));
            ui.send(new Subscribe("console", Topic.CONSOLE, cp.codec().mapper().createObjectNode()
                    .put("session_id", sessionId)));
            agent.awaitPayload(Command.class, command -> command.body() instanceof ConsoleSubscribe);

            postgres.close();

            ErrorMessage down = ui.awaitError(error -> error.code().equals(UiLink.STORE_UNAVAILABLE));
            assertThat(down.subscriptionId()).isEqualTo("s");
            ui.send(new Subscribe("while-down", Topic.SESSIONS, null));
            ui.awaitError(error -> error.code().equals(UiLink.STORE_UNAVAILABLE)
                    && "while-down".equals(error.subscriptionId()));

            postgres = server.start();

            ErrorMessage back = ui.awaitError(error -> error.code().equals(UiLink.STORE_AVAILABLE));
            assertThat(back.subscriptionId()).isEqualTo("s");
            assertThat(ui.errors()).as("a console is relayed live, not read from the store")
                    .noneMatch(error -> "console".equals(error.subscriptionId()));
            ui.send(new Subscribe("after", Topic.SESSIONS, null));
            ui.awaitPayload(SessionsChanged.class, changed -> changed.subscriptionId().equals("after"));
            assertThat(ui.closeCode()).as("the socket stayed open").isNull();
        } finally {
            postgres.close();
        }
    }
}
