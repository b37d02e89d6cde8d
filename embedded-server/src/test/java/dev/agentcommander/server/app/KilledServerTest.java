package dev.agentcommander.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.server.auth.UserTokens;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.TestAgent;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The headless server as its own process, SIGKILLed while an agent streams and right after answering a write:
 * everything it acked or answered is in the database afterwards, and after a restart the agent's resend stores each
 * event exactly once.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KilledServerTest {
    private static final String SECRET = "killed-server-secret-0123456789abcdef0123456789abcdef";
    private static final int EVENTS = 400;

    @TempDir
    Path dir;

    private final WireCodec codec = new WireCodec();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String admin = new UserTokens(SECRET, Clock.systemUTC()).mint(Role.ADMIN, "admin@example.com",
            Duration.ofMinutes(5));

    @ParameterizedTest
    @EnumSource(Engine.class)
    void whatWasAckedOrAnsweredSurvivesSigkill_andTheResendStoresEachEventOnce(Engine engine) throws Exception {
        String url = engine.newDatabaseUrl(dir);
        int port = freePort();
        Process server = start(url, port);
        String hostId;
        String sessionId = "killed-session";
        long acked;
        String commandId;
        try {
            hostId = post(port, "/v1/hosts", "{\"name\":\"killed\"}").get("host_id").asText();
            String token = post(port, "/v1/hosts/" + hostId + "/tokens", "").get("token").asText();
            TestAgent agent = TestAgent.connect(agentUrl(port), token, "stream-1");
            agent.firstAck();
            agent.sendDurable(1, new SessionsUpsert(List.of(new SessionRow(sessionId, null, "k", Provider.CLAUDE,
                    SessionStatus.RUNNING, false, null, "/k", null, null, null, null, null, null))));
            agent.awaitAck(1);
            for (long seq = 2; seq <= EVENTS + 1; seq++) {
                agent.sendDurable(seq, event(sessionId, seq));
            }
            commandId = post(port, "/v1/sessions/" + sessionId + "/commands",
                    "{\"type\":\"send_input\",\"text\":\"hi\"}").get("command_id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> agent.acks().stream().anyMatch(a -> a > EVENTS / 4));
            server.destroyForcibly(); // SIGKILL: no shutdown hook, no close of the database
            acked = agent.acks().stream().mapToLong(Long::longValue).max().orElseThrow();
            server.waitFor(20, TimeUnit.SECONDS);
            agent.close();
        } finally {
            server.destroyForcibly();
        }

        Jdbi jdbi = jdbi(url);
        assertThat(storedEvents(jdbi, hostId)).as("events acked before the kill").isGreaterThanOrEqualTo(acked - 1);
        assertThat(number(jdbi, "SELECT last_acked_seq FROM hosts WHERE host_id = :id", hostId))
                .isGreaterThanOrEqualTo(acked);
        assertThat(number(jdbi, "SELECT COUNT(*) FROM commands WHERE command_id = :id", commandId))
                .as("the answered command").isEqualTo(1L);

        Process again = start(url, port);
        try {
            String token = post(port, "/v1/hosts/" + hostId + "/tokens", "").get("token").asText();
            TestAgent agent = TestAgent.connect(agentUrl(port), token, "stream-1");
            long from = agent.firstAck() + 1;
            for (long seq = from; seq <= EVENTS + 1; seq++) {
                agent.sendDurable(seq, event(sessionId, seq));
            }
            agent.awaitAck(EVENTS + 1);
            agent.close();
        } finally {
            again.destroy();
            again.waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(storedEvents(jdbi, hostId)).isEqualTo(EVENTS);
        assertThat(number(jdbi, "SELECT COUNT(DISTINCT payload) FROM events WHERE host_id = :id "
                + "AND event_type = 'codex.event'", hostId)).isEqualTo(EVENTS);
    }

    private EventsAppend event(String sessionId, long seq) {
        return new EventsAppend(sessionId, "codex.event", codec.mapper().createObjectNode().put("n", seq));
    }

    private static long storedEvents(Jdbi jdbi, String hostId) {
        return number(jdbi, "SELECT COUNT(*) FROM events WHERE host_id = :id AND event_type = 'codex.event'", hostId);
    }

    private static long number(Jdbi jdbi, String sql, String id) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).bind("id", id).mapTo(Long.class).one());
    }

    private static Jdbi jdbi(String url) {
        return Jdbi.create(url.startsWith("jdbc:h2:")
                ? url + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" : url);
    }

    private Process start(String url, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ServerMain.class.getName())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server-" + port + "-" + System.nanoTime()
                        + ".log").toFile());
        builder.environment().put("DATABASE_URL", url);
        builder.environment().put("JWT_SECRET", SECRET);
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("PORT", Integer.toString(port));
        Process process = builder.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue());
            }
            return health(port);
        });
        return process;
    }

    private boolean health(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode post(int port, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
        return codec.mapper().readTree(response.body());
    }

    private static String agentUrl(int port) {
        return "ws://127.0.0.1:" + port + "/v1/agent/ws";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
