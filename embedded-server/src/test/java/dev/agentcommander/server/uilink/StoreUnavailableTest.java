package dev.agentcommander.server.uilink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.schema.ui.SessionsChanged;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestUi;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A UI socket while PostgreSQL is down: told so on every subscription, and told again when it is back. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StoreUnavailableTest {
    @TempDir
    Path dataDir;

    /** A private PostgreSQL on a fixed data dir and port, so it can be stopped and started again. */
    @Test
    void postgresqlDown_everySubscriptionIsToldStoreUnavailable_thenStoreAvailableWhenItIsBack() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres postgres = start(port);
        try (TestPlane cp = TestPlane.join(postgres.getJdbcUrl("postgres", "postgres"), TestPlane.SECRET)) {
            TestUi ui = TestUi.connect(cp.plane().uiWsUrl(), cp.token(Role.VIEWER));
            ui.send(new Subscribe("s", Topic.SESSIONS, null));
            ui.awaitPayload(SessionsChanged.class, changed -> changed.subscriptionId().equals("s"));

            postgres.close();

            ErrorMessage down = ui.awaitError(error -> error.code().equals(UiLink.STORE_UNAVAILABLE));
            assertThat(down.subscriptionId()).isEqualTo("s");
            ui.send(new Subscribe("while-down", Topic.SESSIONS, null));
            ui.awaitError(error -> error.code().equals(UiLink.STORE_UNAVAILABLE)
                    && "while-down".equals(error.subscriptionId()));

            postgres = start(port);

            ErrorMessage back = ui.awaitError(error -> error.code().equals(UiLink.STORE_AVAILABLE));
            assertThat(back.subscriptionId()).isEqualTo("s");
            ui.send(new Subscribe("after", Topic.SESSIONS, null));
            ui.awaitPayload(SessionsChanged.class, changed -> changed.subscriptionId().equals("after"));
            assertThat(ui.closeCode()).as("the socket stayed open").isNull();
        } finally {
            postgres.close();
        }
    }

    private EmbeddedPostgres start(int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }
}
