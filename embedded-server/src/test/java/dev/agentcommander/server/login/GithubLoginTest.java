package dev.agentcommander.server.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentcommander.server.app.ServerTuning;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.Response;
import dev.agentcommander.server.testing.TestPlane;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** GitHub sign-in against a local fake of GitHub's {@code /user/emails}. Engine-independent: H2 only. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GithubLoginTest {
    /** access token → the JSON GitHub would answer. */
    static final Map<String, String> USERS = Map.of(
            "gho_ann", "[{\"email\":\"Ann@Example.com\",\"verified\":true,\"primary\":true}]",
            "gho_bob", "[{\"email\":\"bob@old.example\",\"verified\":true,\"primary\":true},"
                    + "{\"email\":\"bob@example.com\",\"verified\":true,\"primary\":false}]",
            "gho_eve", "[{\"email\":\"eve@example.com\",\"verified\":false,\"primary\":true}]",
            "gho_zed", "[{\"email\":\"zed@elsewhere.example\",\"verified\":true,\"primary\":true}]",
            "gho_broken", "not json");
    static Javalin github;
    static TestPlane cp;

    @BeforeAll
    static void start() {
        github = Javalin.create(cfg -> cfg.routes.get("/user/emails", ctx -> {
            String token = String.valueOf(ctx.header("Authorization")).replace("Bearer ", "");
            String answer = USERS.get(token);
            if (answer == null) {
                ctx.status(401).result("{\"message\":\"Bad credentials\"}");
            } else {
                ctx.contentType("application/json").result(answer);
            }
        })).start("127.0.0.1", 0);
        URI fake = URI.create("http://127.0.0.1:" + github.port() + "/");
        cp = TestPlane.start(Engine.H2, ServerTuning.DEFAULTS, new GithubLoginConfig(fake, fake, "Iv1.test-client",
                Set.of("bob@example.com", "eve@example.com", "zed@elsewhere.example"), Set.of("ann@example.com")));
    }

    @AfterAll
    static void stop() {
        cp.close();
        github.stop();
    }

    @Test
    void allowedVerifiedEmails_signIn_adminsAsAdmin_othersAsOperator() {
        Response ann = login("gho_ann");
        assertThat(ann.status()).isEqualTo(200);
        assertThat(ann.body().get("role").asText()).isEqualTo("admin");
        assertThat(Instant.parse(ann.body().get("expires_at").asText())).isAfter(Instant.now().plusSeconds(240));
        assertThat(cp.get("/v1/me", ann.body().get("token").asText()).body().get("email").asText())
                .isEqualTo("ann@example.com");

        Response bob = login("gho_bob");
        assertThat(bob.body().get("role").asText()).isEqualTo("operator");
        assertThat(cp.get("/v1/me", bob.body().get("token").asText()).body().get("email").asText())
                .isEqualTo("bob@example.com");
    }

    @Test
    void unverifiedOrUnlistedEmails_are403_aRejectedGithubToken401_andABadBody400() {
        assertThat(login("gho_eve").status()).isEqualTo(403);
        assertThat(login("gho_nobody").status()).isEqualTo(401);
        assertThat(login("gho_broken").status()).isEqualTo(502);
        Response missing = cp.post("/v1/auth/github", null, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().at("/error/field").asText()).isEqualTo("access_token");
    }

    @Test
    void withoutAllowlists_githubSignInRefusesEveryone() {
        try (TestPlane closed = TestPlane.start(Engine.H2, ServerTuning.DEFAULTS, new GithubLoginConfig(
                URI.create("http://127.0.0.1:" + github.port()), Set.of(), Set.of()))) {
            assertThat(closed.post("/v1/auth/github", null, "{\"access_token\":\"gho_ann\"}").status()).isEqualTo(403);
        }
    }

    @Test
    void theDeviceFlowSettings_arePublic_withEndpointsUnderGithubOauthUrl() {
        Response settings = cp.get("/v1/auth/github", null);
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.body().get("client_id").asText()).isEqualTo("Iv1.test-client");
        assertThat(settings.body().get("device_authorization_url").asText())
                .isEqualTo("http://127.0.0.1:" + github.port() + "/login/device/code");
        assertThat(settings.body().get("token_url").asText())
                .isEqualTo("http://127.0.0.1:" + github.port() + "/login/oauth/access_token");
    }

    @Test
    void withoutAClientIdOrAllowlists_theDeviceFlowSettingsAre404_sayingWhatToSet() {
        URI fake = URI.create("http://127.0.0.1:" + github.port());
        try (TestPlane noClient = TestPlane.start(Engine.H2, ServerTuning.DEFAULTS,
                new GithubLoginConfig(fake, fake, null, Set.of("bob@example.com"), Set.of()))) {
            Response settings = noClient.get("/v1/auth/github", null);
            assertThat(settings.status()).isEqualTo(404);
            assertThat(settings.errorCode()).isEqualTo("github_login_disabled");
            assertThat(settings.body().at("/error/message").asText()).contains("GITHUB_CLIENT_ID");
        }
        try (TestPlane noEmails = TestPlane.start(Engine.H2, ServerTuning.DEFAULTS,
                new GithubLoginConfig(fake, fake, "Iv1.test-client", Set.of(), Set.of()))) {
            Response settings = noEmails.get("/v1/auth/github", null);
            assertThat(settings.status()).isEqualTo(404);
            assertThat(settings.body().at("/error/message").asText()).contains("ALLOWED_EMAILS");
        }
    }

    @Test
    void fromEnv_readsTheClientIdAndOauthUrl_andRefusesANonHttpOauthUrl() {
        GithubLoginConfig config = GithubLoginConfig.fromEnv(Map.of("GITHUB_CLIENT_ID", " Iv1.abc ",
                "GITHUB_OAUTH_URL", "http://127.0.0.1:9/", "ALLOWED_EMAILS", "a@example.com"));
        assertThat(config.clientId()).isEqualTo("Iv1.abc");
        assertThat(config.tokenUrl()).hasToString("http://127.0.0.1:9/login/oauth/access_token");
        assertThat(GithubLoginConfig.fromEnv(Map.of()).deviceAuthorizationUrl())
                .hasToString("https://github.com/login/device/code");
        assertThatThrownBy(() -> GithubLoginConfig.fromEnv(
                Map.of("GITHUB_OAUTH_URL", "ftp://github.example"))).hasMessageContaining("GITHUB_OAUTH_URL");
    }

    private static Response login(String accessToken) {
        return cp.post("/v1/auth/github", null, "{\"access_token\":\"" + accessToken + "\"}");
    }
}
