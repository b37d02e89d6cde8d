package dev.agentcommander.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.Response;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestUi;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Auth does not depend on the engine, so this runs on H2 only. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthTest {
    static TestPlane cp;

    @BeforeAll
    static void start() {
        cp = TestPlane.start(Engine.H2);
    }

    @AfterAll
    static void stop() {
        cp.close();
    }

    @Test
    void missingToken_is401() {
        Response response = cp.get("/v1/hosts", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo("unauthorized");
    }

    @Test
    void expiredToken_is401() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        String token = Jwts.builder().subject("a@example.com").claim("email", "a@example.com").claim("role", "admin")
                .issuedAt(Date.from(past.minusSeconds(300))).expiration(Date.from(past))
                .signWith(Keys.hmacShaKeyFor(TestPlane.SECRET.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
                .compact();

        Response response = cp.get("/v1/hosts", token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().at("/error/message").asText()).contains("expired");
    }

    @Test
    void tokenTwoSecondsPastExp_is401OnRestAndTheUiSocket_andCannotBeRefreshed() {
        Instant exp = Instant.now().minusSeconds(2);
        String token = sign(Jwts.builder().subject("a@example.com").claim("email", "a@example.com")
                .claim("role", "admin").issuedAt(Date.from(exp.minusSeconds(300))).expiration(Date.from(exp)));

        Response rest = cp.get("/v1/me", token);
        Response refresh = cp.post("/v1/auth/refresh", token, "");
        TestUi ui = TestUi.connect(cp.plane().uiWsUrl(), token);

        assertThat(rest.status()).isEqualTo(401);
        assertThat(rest.body().at("/error/message").asText()).contains("expired");
        assertThat(refresh.status()).isEqualTo(401);
        try {
            assertThat(ui.isOpen()).isFalse();
            assertThat(ui.closeReason()).contains("401");
        } finally {
            ui.close();
        }
    }

    @Test
    void signedTokenWithANonStringEmailOrSubject_is401() throws GeneralSecurityException {
        String numericEmail = sign(Jwts.builder().subject("a@example.com").claim("email", 42).claim("role", "admin")
                .issuedAt(new Date()).expiration(Date.from(Instant.now().plusSeconds(300))));
        String objectEmail = sign(Jwts.builder().subject("a@example.com").claim("email", Map.of("a", 1))
                .claim("role", "admin").issuedAt(new Date()).expiration(Date.from(Instant.now().plusSeconds(300))));
        long now = Instant.now().getEpochSecond();
        String numericSubject = signClaims("{\"sub\":7,\"email\":\"a@example.com\",\"role\":\"admin\",\"iat\":"
                + now + ",\"exp\":" + (now + 300) + "}");

        for (String token : new String[] {numericEmail, objectEmail, numericSubject}) {
            Response response = cp.get("/v1/me", token);

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.errorCode()).isEqualTo("unauthorized");
        }
    }

    @Test
    void tokenSignedWithAnotherSecret_is401() {
        String token = new UserTokens("another-secret-that-is-long-enough-0123456789", java.time.Clock.systemUTC())
                .mint(Role.ADMIN, "a@example.com", Duration.ofMinutes(5));

        assertThat(cp.get("/v1/hosts", token).status()).isEqualTo(401);
    }

    @Test
    void unsignedAlgNoneToken_is401() {
        long now = Instant.now().getEpochSecond();
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = base64("{\"sub\":\"a@example.com\",\"email\":\"a@example.com\",\"role\":\"admin\",\"iat\":"
                + now + ",\"exp\":" + (now + 300) + "}");

        assertThat(cp.get("/v1/hosts", header + "." + claims + ".").status()).isEqualTo(401);
        assertThat(cp.get("/v1/hosts", header + "." + claims).status()).isEqualTo(401);
    }

    @Test
    void tokenWithoutOrWithAnUnknownRole_is401() {
        assertThat(cp.get("/v1/me", signed(null)).status()).isEqualTo(401);
        assertThat(cp.get("/v1/me", signed("superuser")).status()).isEqualTo(401);
    }

    @Test
    void hostToken_isNoUserToken() {
        TestPlane.HostAccess host = cp.newHost();

        assertThat(cp.get("/v1/hosts", host.token()).status()).isEqualTo(401);
    }

    @Test
    void roles_nest_adminOverOperatorOverViewer() {
        assertThat(cp.post("/v1/hosts", cp.token(Role.VIEWER), "{\"name\":\"v\"}").status()).isEqualTo(403);
        assertThat(cp.post("/v1/hosts", cp.token(Role.OPERATOR), "{\"name\":\"o\"}").errorCode()).isEqualTo("forbidden");
        assertThat(cp.post("/v1/hosts", cp.token(Role.ADMIN), "{\"name\":\"a\"}").status()).isEqualTo(201);
        assertThat(cp.get("/v1/hosts", cp.token(Role.VIEWER)).status()).isEqualTo(200);
        assertThat(cp.get("/v1/sessions", cp.token(Role.OPERATOR)).status()).isEqualTo(200);
    }

    @Test
    void me_answersTheCallersIdentity_andHealthNeedsNoToken() {
        Response me = cp.get("/v1/me", cp.token(Role.OPERATOR));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("role").asText()).isEqualTo("operator");
        assertThat(me.body().get("email").asText()).isEqualTo("operator@example.com");
        assertThat(me.body().get("sub").asText()).isEqualTo("operator@example.com");
        Response health = cp.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void refresh_tradesAValidTokenForAFreshOneWithTheSameIdentityAndRole() {
        Response refreshed = cp.post("/v1/auth/refresh", cp.token(Role.OPERATOR), "");

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body().get("role").asText()).isEqualTo("operator");
        Instant expiresAt = Instant.parse(refreshed.body().get("expires_at").asText());
        assertThat(expiresAt).isBetween(Instant.now().plusSeconds(240), Instant.now().plusSeconds(310));
        Response me = cp.get("/v1/me", refreshed.body().get("token").asText());
        assertThat(me.body().get("email").asText()).isEqualTo("operator@example.com");
        assertThat(me.body().get("role").asText()).isEqualTo("operator");
    }

    @Test
    void badInput_isNever500() {
        assertThat(cp.post("/v1/hosts", cp.adminToken(), "{\"name\":").status()).isEqualTo(400);
        assertThat(cp.post("/v1/hosts", cp.adminToken(), "[1,2]").status()).isEqualTo(400);
        assertThat(cp.post("/v1/hosts", cp.adminToken(), "{\"name\":42}").status()).isEqualTo(400);
        assertThat(cp.post("/v1/hosts", cp.adminToken(), "{\"name\":\"" + "n".repeat(300) + "\"}").status())
                .isEqualTo(400);
        assertThat(cp.post("/v1/hosts", cp.adminToken(), "{\"name\":\"" + "n".repeat(17 * 1024 * 1024) + "\"}")
                .status()).isEqualTo(413);
        assertThat(cp.get("/v1/nothing-here", cp.adminToken()).status()).isEqualTo(404);
    }

    @Test
    void weakSecret_isRefusedWithAClearMessage() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UserTokens.checkSecret("short"))
                .isInstanceOf(WeakSecretException.class)
                .hasMessageContaining("JWT_SECRET")
                .hasMessageContaining("32 bytes");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UserTokens.checkSecret(null))
                .hasMessageContaining("JWT_SECRET is not set");
    }

    private static String signed(String role) {
        var builder = Jwts.builder().subject("a@example.com").claim("email", "a@example.com")
                .issuedAt(new Date()).expiration(Date.from(Instant.now().plusSeconds(300)));
        if (role != null) {
            builder.claim("role", role);
        }
        return builder.signWith(Keys.hmacShaKeyFor(TestPlane.SECRET.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
                .compact();
    }

    private static String sign(JwtBuilder builder) {
        return builder.signWith(Keys.hmacShaKeyFor(TestPlane.SECRET.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
                .compact();
    }

    /** Signs claims the JWT builder refuses to build (e.g. a numeric {@code sub}). */
    private static String signClaims(String claims) throws GeneralSecurityException {
        String unsigned = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestPlane.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return unsigned + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
