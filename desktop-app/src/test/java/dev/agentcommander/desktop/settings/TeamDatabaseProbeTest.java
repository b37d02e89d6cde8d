package dev.agentcommander.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.server.testing.SharedPostgres;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** "Test connection" against a real PostgreSQL, a port where nothing listens, and URLs that cannot work. */
@Timeout(120)
class TeamDatabaseProbeTest {
    private final TeamDatabaseProbe probe = new TeamDatabaseProbe(Duration.ofSeconds(5));

    @Test
    void aRealPostgres_answersWithItsVersion_inBothUrlForms() {
        DatabaseCheck jdbc = probe.check(SharedPostgres.newDatabase());
        assertThat(jdbc.ok()).as(jdbc.text()).isTrue();
        assertThat(jdbc.headline()).startsWith("Connected: PostgreSQL ").contains("as postgres");

        String name = SharedPostgres.newDatabaseName();
        DatabaseCheck uri = probe.check("postgres://postgres:unused@localhost:" + SharedPostgres.port() + "/" + name);
        assertThat(uri.ok()).as(uri.text()).isTrue();
        assertThat(uri.headline()).contains("database \"" + name + "\"");
    }

    @Test
    void aClosedPort_failsWithWhatToDo() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        DatabaseCheck check = probe.check("postgres://ann:s3cret@127.0.0.1:" + closed + "/team");

        assertThat(check.ok()).isFalse();
        assertThat(check.headline()).startsWith("Cannot connect: ").contains("127.0.0.1:" + closed).contains("refused");
        assertThat(check.advice()).contains("check the host and port").contains("PostgreSQL runs");
        assertThat(check.text()).doesNotContain("s3cret");
    }

    @Test
    void aMissingDatabase_saysSo() {
        DatabaseCheck check = probe.check("postgres://postgres@localhost:" + SharedPostgres.port() + "/no_such_db");

        assertThat(check.ok()).isFalse();
        assertThat(check.headline()).startsWith("No such database: ");
        assertThat(check.advice()).contains("create it");
    }

    @Test
    void anH2OrMalformedUrl_isRefusedWithoutConnecting_andNeverEchoesThePassword() {
        DatabaseCheck h2 = probe.check("jdbc:h2:mem:team");
        assertThat(h2.ok()).isFalse();
        assertThat(h2.headline()).contains("a team shares a PostgreSQL database");

        DatabaseCheck noHost = probe.check("mysql://ann:s3cret@db/team");
        assertThat(noHost.ok()).isFalse();
        assertThat(noHost.text()).startsWith("Not a PostgreSQL URL").contains("postgres://").doesNotContain("s3cret");
    }

    @Test
    void settingsAndModeTexts_hideThePassword() {
        Settings settings = Settings.DEFAULTS.withTeamDatabaseUrl("postgres://ann:s3cret@db:5432/team");

        assertThat(settings.toString()).contains("postgres://ann:***@db:5432/team").doesNotContain("s3cret");
        assertThat(new TeamDatabase("jdbc:postgresql://db/team?user=ann&password=s3cret",
                TeamDatabase.Source.SETTINGS).describe()).doesNotContain("s3cret").contains("password=***");
    }
}
