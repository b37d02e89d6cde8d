package dev.agentcommander.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
    private static final Path DATA = Path.of("/var/lib/ac");

    @Test
    void unset_isAnH2FileUnderTheDataDir_withPostgresCompatibility() {
        DatabaseUrl url = DatabaseUrl.parse(null, DATA);

        assertThat(url.engine()).isEqualTo(DatabaseEngine.H2);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:h2:file:/var/lib/ac/agent-commander"
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
        assertThat(DatabaseUrl.parse("  ", DATA)).isEqualTo(url);
    }

    @Test
    void jdbcH2_getsTheMissingOptionsAppended_andKeepsGivenOnes() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:h2:mem:x;mode=PostgreSQL;AUTO_SERVER=FALSE", DATA);

        assertThat(url.engine()).isEqualTo(DatabaseEngine.H2);
        assertThat(url.jdbcUrl()).isEqualTo(
                "jdbc:h2:mem:x;mode=PostgreSQL;AUTO_SERVER=FALSE;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                        + ";WRITE_DELAY=0");
    }

    @Test
    void jdbcH2_withAWriteDelay_isRefused_sinceAcksWouldRunAheadOfTheFile() {
        assertThat(DatabaseUrl.parse("jdbc:h2:file:/x;write_delay=0", DATA).jdbcUrl()).doesNotContain("WRITE_DELAY");
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:h2:file:/x;WRITE_DELAY=500", DATA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WRITE_DELAY=0");
    }

    @Test
    void jdbcPostgresql_isUsedAsGiven() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5432/ac?user=u&password=p", DATA);

        assertThat(url.engine()).isEqualTo(DatabaseEngine.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/ac?user=u&password=p");
        assertThat(url.user()).isNull();
        assertThat(url.display()).doesNotContain("password=p").contains("password=***");
    }

    @Test
    void postgresUri_becomesJdbcUrlAndCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://agent:p%40ss%3Aword@db.example.com:6543/commander?sslmode=require",
                DATA);

        assertThat(url.engine()).isEqualTo(DatabaseEngine.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/commander?sslmode=require");
        assertThat(url.user()).isEqualTo("agent");
        assertThat(url.password()).isEqualTo("p@ss:word");
        assertThat(url.display()).doesNotContain("p@ss");
    }

    @Test
    void postgresqlUri_withoutPortOrPassword_isAccepted() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://agent@db/commander", DATA);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/commander");
        assertThat(url.user()).isEqualTo("agent");
        assertThat(url.password()).isNull();
    }

    @Test
    void otherSchemes_orAUriWithoutDatabase_areRefusedWithTheAcceptedForms() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:secret@h/db", DATA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:h2:")
                .hasMessageContaining("postgres://")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u:p@h:5432/", DATA))
                .hasMessageContaining("names no database");
    }
}
