package dev.agentcommander.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsSnapshot;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.Response;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import dev.agentcommander.server.testing.TestUi;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Every route and socket × every kind of credential gives exactly the specified status. Auth does not depend on
 * the database engine, so this runs on H2 only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuthMatrixTest {
    /** The kinds of credentials a caller can present. */
    enum Credential { NONE, EXPIRED, BAD_SIGNATURE, ALG_NONE, HOST_TOKEN, VIEWER, OPERATOR, ADMIN }

    /** A route: how to call it, the least role it needs (null = public) and what success answers. */
    record Route(String method, Supplier<String> path, Supplier<String> body, Role needs, int success) {
        String name() {
            return method + " " + path.get().replaceAll("[0-9a-f-]{36}", "{id}");
        }
    }

    static TestPlane cp;
    static HostAccess host;
    static TestAgent agent;
    static String sessionId;
    static String commandId;
    static final AtomicLong SEQ = new AtomicLong();

    @BeforeAll
    static void start() {
        cp = TestPlane.start(Engine.H2);
        host = cp.newHost();
        agent = cp.agent(host, "matrix");
        sessionId = "m-" + host.hostId();
        long seq = SEQ.incrementAndGet();
        agent.sendDurable(seq, new SessionsUpsert(List.of(new SessionRow(sessionId, null, "m", Provider.SHELL,
                SessionStatus.IDLE, false, null, "/", null, null, null, null, null, null))));
        agent.awaitAck(seq);
        agent.send(Envelope.live(new SessionsSnapshot(sessionId, null, 0L, "$", 80, 24, Instant.now())));
        commandId = cp.post("/v1/sessions/" + sessionId + "/commands", cp.adminToken(), "{\"type\":\"interrupt\"}")
                .body().get("command_id").asText();
    }

    @AfterAll
    static void stop() {
        cp.close();
    }

    static List<Route> routes() {
        String h = host.hostId();
        String s = sessionId;
        return List.of(
                route("GET", "/health", null, 200),
                route("GET", "/metrics", null, 200),
                route("GET", "/v1/me", Role.VIEWER, 200),
                route("POST", "/v1/auth/refresh", Role.VIEWER, 200),
                // Public whatever the caller presents; this plane is not set up for GitHub sign-in.
                route("GET", "/v1/auth/github", null, 404),
                route("GET", "/v1/hosts", Role.VIEWER, 200),
                new Route("POST", () -> "/v1/hosts", () -> "{\"name\":\"m-" + UUID.randomUUID() + "\"}", Role.ADMIN, 201),
                route("GET", "/v1/hosts/" + h + "/tokens", Role.ADMIN, 200),
                route("POST", "/v1/hosts/" + h + "/tokens", Role.ADMIN, 201),
                new Route("DELETE", AuthMatrixTest::freshTokenPath, () -> null, Role.ADMIN, 204),
                route("GET", "/v1/sessions", Role.VIEWER, 200),
                route("GET", "/v1/sessions/" + s, Role.VIEWER, 200),
                route("GET", "/v1/sessions/" + s + "/events", Role.VIEWER, 200),
                route("GET", "/v1/sessions/" + s + "/snapshot", Role.VIEWER, 200),
                new Route("POST", () -> "/v1/sessions/" + s + "/commands", () -> "{\"type\":\"interrupt\"}",
                        Role.OPERATOR, 202),
                new Route("POST", () -> "/v1/hosts/" + h + "/commands",
                        () -> "{\"type\":\"adopt_pane\",\"pane_id\":\"%1\"}", Role.OPERATOR, 202),
                route("GET", "/v1/commands/" + commandId, Role.VIEWER, 200),
                route("GET", "/v1/approvals?status=pending", Role.VIEWER, 200),
                new Route("POST", AuthMatrixTest::freshDecisionPath, () -> "{\"decision\":\"allow\"}", Role.OPERATOR,
                        200));
    }

    @TestFactory
    Stream<DynamicTest> everyRoute_answersEveryCredentialWithExactlyTheSpecifiedStatus() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : routes()) {
            for (Credential credential : Credential.values()) {
                int expected = expected(route.needs(), credential, route.success());
                tests.add(DynamicTest.dynamicTest(route.name() + " × " + credential + " → " + expected, () -> {
                    Response response = call(route, token(credential));
                    assertThat(response.status()).as(response.text()).isEqualTo(expected);
                    if (expected == 401 || expected == 403) {
                        assertThat(response.errorCode()).isEqualTo(expected == 401 ? "unauthorized" : "forbidden");
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> sockets_openOnlyForTheirKindOfCredential() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Credential credential : Credential.values()) {
            boolean user = credential == Credential.VIEWER || credential == Credential.OPERATOR
                    || credential == Credential.ADMIN;
            tests.add(DynamicTest.dynamicTest("UI socket × " + credential + " → " + (user ? "open" : "401"), () -> {
                TestUi ui = TestUi.connect(cp.plane().uiWsUrl(), token(credential));
                try {
                    assertThat(ui.isOpen()).isEqualTo(user);
                    if (!user) {
                        assertThat(ui.closeReason()).contains("401");
                    }
                } finally {
                    ui.close();
                }
            }));
            boolean hostToken = credential == Credential.HOST_TOKEN;
            tests.add(DynamicTest.dynamicTest("agent socket × " + credential + " → " + (hostToken ? "open" : "401"),
                    () -> {
                        HostAccess other = cp.newHost();
                        String presented = hostToken ? other.token() : token(credential);
                        TestAgent client = TestAgent.connect(cp.plane().agentWsUrl(), presented, "m");
                        try {
                            assertThat(client.isOpen()).isEqualTo(hostToken);
                            if (!hostToken) {
                                assertThat(client.closeReason()).contains("401");
                            }
                        } finally {
                            client.close();
                        }
                    }));
        }
        return tests.stream();
    }

    /** Every topic is a viewer action: each user role subscribes to each and gets its initial answer. */
    @TestFactory
    Stream<DynamicTest> everyUiTopic_isOpenToEveryUserRole() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Credential credential : List.of(Credential.VIEWER, Credential.OPERATOR, Credential.ADMIN)) {
            for (Topic topic : Topic.values()) {
                tests.add(DynamicTest.dynamicTest("subscribe " + topic + " × " + credential + " → answered", () -> {
                    TestUi ui = TestUi.connect(cp.plane().uiWsUrl(), token(credential));
                    try {
                        ObjectNode filter = cp.codec().mapper().createObjectNode();
                        if (topic == Topic.EVENTS || topic == Topic.CONSOLE) {
                            filter.put("session_id", sessionId);
                        }
                        ui.send(new Subscribe("t", topic, filter));
                        await().atMost(Duration.ofSeconds(10)).until(() -> ui.received().stream()
                                .anyMatch(e -> !(e.payload() instanceof ErrorMessage)));
                        assertThat(ui.errors()).isEmpty();
                    } finally {
                        ui.close();
                    }
                }));
            }
        }
        return tests.stream();
    }

    static int expected(Role needs, Credential credential, int success) {
        if (needs == null) {
            return success;
        }
        Role held = switch (credential) {
            case VIEWER -> Role.VIEWER;
            case OPERATOR -> Role.OPERATOR;
            case ADMIN -> Role.ADMIN;
            default -> null;
        };
        if (held == null) {
            return 401;
        }
        return new Principal("x", "x", held).has(needs) ? success : 403;
    }

    static String token(Credential credential) {
        return switch (credential) {
            case NONE -> null;
            case EXPIRED -> {
                Instant past = Instant.now().minus(Duration.ofHours(1));
                yield Jwts.builder().subject("a@example.com").claim("email", "a@example.com").claim("role", "admin")
                        .issuedAt(Date.from(past.minusSeconds(300))).expiration(Date.from(past))
                        .signWith(Keys.hmacShaKeyFor(TestPlane.SECRET.getBytes(StandardCharsets.UTF_8)),
                                Jwts.SIG.HS256)
                        .compact();
            }
            case BAD_SIGNATURE -> new UserTokens("another-secret-that-is-long-enough-0123456789", Clock.systemUTC())
                    .mint(Role.ADMIN, "a@example.com", Duration.ofMinutes(5));
            case ALG_NONE -> {
                long now = Instant.now().getEpochSecond();
                yield base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64("{\"sub\":\"a@example.com\","
                        + "\"email\":\"a@example.com\",\"role\":\"admin\",\"iat\":" + now + ",\"exp\":" + (now + 300)
                        + "}") + ".";
            }
            case HOST_TOKEN -> host.token();
            case VIEWER -> cp.token(Role.VIEWER);
            case OPERATOR -> cp.token(Role.OPERATOR);
            case ADMIN -> cp.token(Role.ADMIN);
        };
    }

    private static Response call(Route route, String token) {
        String path = route.path().get();
        return switch (route.method()) {
            case "GET" -> cp.get(path, token);
            case "POST" -> cp.post(path, token, route.body().get() == null ? "" : route.body().get());
            case "DELETE" -> cp.delete(path, token);
            default -> throw new IllegalArgumentException(route.method());
        };
    }

    private static Route route(String method, String path, Role needs, int success) {
        return new Route(method, () -> path, () -> null, needs, success);
    }

    /** A token of a throwaway host, so each revocation has something to revoke. */
    private static String freshTokenPath() {
        HostAccess throwaway = cp.newHost();
        return "/v1/hosts/" + throwaway.hostId() + "/tokens/" + throwaway.tokenId();
    }

    /** A new pending approval, so each decision is the first one. */
    private static String freshDecisionPath() {
        String approvalId = UUID.randomUUID().toString();
        long seq = SEQ.incrementAndGet();
        agent.sendDurable(seq, new EventsAppend(sessionId, "approval.requested", cp.codec().mapper().createObjectNode()
                .put("approval_id", approvalId).put("tool_name", "Bash")));
        agent.awaitAck(seq);
        return "/v1/approvals/" + approvalId + "/decision";
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
