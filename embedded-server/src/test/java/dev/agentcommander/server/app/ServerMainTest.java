package dev.agentcommander.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.auth.UserTokens;
import dev.agentcommander.server.testing.SharedPostgres;
import dev.agentcommander.server.testing.TestPlane;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServerMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void server_withoutJwtSecret_exits2WithOneLineSayingWhatToSet() {
        int exit = run(Map.of("PORT", "0"));

        assertThat(exit).isEqualTo(2);
        assertThat(err()).contains("JWT_SECRET is not set").contains("at least 32 bytes");
        assertThat(err().lines()).hasSize(1);
    }

    @Test
    void server_withAWeakJwtSecret_exits2() {
        assertThat(run(Map.of("JWT_SECRET", "too-short"))).isEqualTo(2);
        assertThat(err()).contains("JWT_SECRET is too short (9 bytes)");
    }

    @Test
    void server_withABadPort_exits2() {
        assertThat(run(Map.of("JWT_SECRET", TestPlane.SECRET, "PORT", "eighty"))).isEqualTo(2);
        assertThat(err()).contains("PORT must be a number");
    }

    @Test
    void mintToken_withoutJwtSecret_onPostgres_signsWithTheSecretTheTeamShares() {
        String url = SharedPostgres.newDatabase();
        try (TestPlane node = TestPlane.join(url, null)) {
            int exit = run(Map.of("DATABASE_URL", url), "mint-token", "--role", "viewer", "--email", "v@example.com");

            assertThat(exit).isZero();
            assertThat(node.get("/v1/me", out().trim()).status()).isEqualTo(200);
        }
    }

    @Test
    void mintToken_printsATokenSignedWithJwtSecret() {
        int exit = run(Map.of("JWT_SECRET", TestPlane.SECRET), "mint-token", "--role", "admin", "--email",
                "you@example.com", "--ttl", "10m");

        assertThat(exit).isZero();
        var principal = new UserTokens(TestPlane.SECRET, Clock.systemUTC()).verify(out().trim());
        assertThat(principal.role()).isEqualTo(Role.ADMIN);
        assertThat(principal.email()).isEqualTo("you@example.com");
    }

    @Test
    void mintToken_withAWeakSecretOrBadArguments_exits2() {
        assertThat(run(Map.of("JWT_SECRET", "x"), "mint-token", "--role", "admin", "--email", "a@b.c")).isEqualTo(2);
        assertThat(run(Map.of("JWT_SECRET", TestPlane.SECRET), "mint-token", "--role", "root", "--email", "a@b.c"))
                .isEqualTo(2);
        assertThat(run(Map.of("JWT_SECRET", TestPlane.SECRET), "mint-token", "--role", "admin", "--email", "a@b.c",
                "--ttl", "soon")).isEqualTo(2);
        assertThat(err()).contains("--ttl must look like");
    }

    @Test
    void ttl_acceptsShortFormsAndIso() {
        assertThat(MintTokenCommand.parseTtl("30s")).hasSeconds(30);
        assertThat(MintTokenCommand.parseTtl("5m")).hasMinutes(5);
        assertThat(MintTokenCommand.parseTtl("2h")).hasHours(2);
        assertThat(MintTokenCommand.parseTtl("7d")).hasDays(7);
        assertThat(MintTokenCommand.parseTtl("PT15M")).hasMinutes(15);
        assertThatThrownBy(() -> MintTokenCommand.parseTtl("0m")).hasMessageContaining("positive");
    }

    @Test
    void config_fromEnv_hasTheDocumentedDefaults() {
        ServerConfig config = ServerConfig.fromEnv(Map.of("HOME", "/home/me", "JWT_SECRET", "s"));

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.databaseUrl()).isNull();
        assertThat(config.dataDir()).isEqualTo(Path.of("/home/me/.local/share/agent-commander"));
        assertThat(config.toString()).doesNotContain("JWT_SECRET=s").contains("jwtSecret=(set)");
        assertThat(ServerConfig.fromEnv(Map.of("XDG_DATA_HOME", "/xdg")).dataDir())
                .isEqualTo(Path.of("/xdg/agent-commander"));
    }

    @Test
    void controlPlane_withAWeakSecret_failsToStartWithAConfigException() {
        assertThatThrownBy(() -> ControlPlane.start(new ServerConfig("jdbc:h2:mem:weak", "short", "127.0.0.1", 0, null)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("JWT_SECRET");
    }

    private int run(Map<String, String> env, String... args) {
        return ServerMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
