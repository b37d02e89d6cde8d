package dev.agentcommander.agentd.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.server.app.ControlPlane;
import dev.agentcommander.server.app.ServerConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real control plane (embedded-server) on 127.0.0.1:0 over H2 or a real PostgreSQL, with a REST client. */
final class ControlPlaneFixture implements AutoCloseable {
    static final String SECRET = "agentd-e2e-secret-0123456789abcdef0123456789abcdef0123456789abcd";
    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    record Host(String hostId, String token) {
    }

    private final ControlPlane plane;
    private final EmbeddedPostgres postgres;
    private final String jdbcUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final WireCodec codec = new WireCodec();
    private final String adminToken;

    private ControlPlaneFixture(ControlPlane plane, EmbeddedPostgres postgres, String jdbcUrl) {
        this.plane = plane;
        this.postgres = postgres;
        this.jdbcUrl = jdbcUrl;
        this.adminToken = plane.mintUserToken(Role.ADMIN, "admin@example.com", Duration.ofMinutes(30));
    }

    static ControlPlaneFixture h2(Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("cp-db").toAbsolutePath() + H2_OPTIONS;
        return new ControlPlaneFixture(ControlPlane.start(new ServerConfig(url, SECRET, "127.0.0.1", 0, dir)), null, url);
    }

    /** H2 on a fixed port, so a control plane restarted on the same dir and port is the same one to agentd. */
    static ControlPlaneFixture h2(Path dir, int port) {
        String url = "jdbc:h2:file:" + dir.resolve("cp-db").toAbsolutePath() + H2_OPTIONS;
        return new ControlPlaneFixture(ControlPlane.start(new ServerConfig(url, SECRET, "127.0.0.1", port, dir)), null,
                url);
    }

    static ControlPlaneFixture postgres(Path dir) throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            return new ControlPlaneFixture(ControlPlane.start(new ServerConfig(url, SECRET, "127.0.0.1", 0, dir)),
                    postgres, url);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    String agentUrl() {
        return plane.agentWsUrl();
    }

    Host createHost(String name) {
        JsonNode host = post("/v1/hosts", "{\"name\":\"" + name + "\"}");
        String hostId = host.get("host_id").textValue();
        JsonNode token = post("/v1/hosts/" + hostId + "/tokens", "{}");
        return new Host(hostId, token.get("token").textValue());
    }

    List<SessionRow> sessions(String hostId) {
        JsonNode page = get("/v1/sessions?host_id=" + hostId);
        List<SessionRow> rows = new ArrayList<>();
        for (JsonNode item : page.get("items")) {
            rows.add(codec.mapper().convertValue(item, SessionRow.class));
        }
        return rows;
    }

    JsonNode host(String hostId) {
        for (JsonNode host : get("/v1/hosts").get("items")) {
            if (host.get("host_id").textValue().equals(hostId)) {
                return host;
            }
        }
        throw new AssertionError("no host " + hostId);
    }

    /** The UI WebSocket URL with an admin token. */
    String uiWsUrl() {
        return plane.uiWsUrl() + "?token=" + adminToken;
    }

    /** Issues a session command ({@code {"type": ...}}); returns its command_id. */
    String issueCommand(String sessionId, String json) {
        return post("/v1/sessions/" + sessionId + "/commands", json).get("command_id").textValue();
    }

    /** The command row. */
    JsonNode command(String commandId) {
        return get("/v1/commands/" + commandId);
    }

    /** Approvals with {@code status} ({@code pending} or {@code decided}). */
    List<JsonNode> approvals(String status) {
        List<JsonNode> items = new ArrayList<>();
        get("/v1/approvals?status=" + status).get("items").forEach(items::add);
        return items;
    }

    /** A session's events, oldest first (the first 500). */
    List<JsonNode> events(String sessionId) {
        List<JsonNode> events = new ArrayList<>();
        get("/v1/sessions/" + sessionId + "/events?limit=500").get("items").forEach(events::add);
        return events;
    }

    /** The event types of a session, oldest first (the first 500). */
    List<String> eventTypes(String sessionId) {
        return events(sessionId).stream().map(event -> event.get("event_type").textValue()).toList();
    }

    /** Issues a host command ({@code {"type": ...}}); returns its command_id. */
    String issueHostCommand(String hostId, String json) {
        return post("/v1/hosts/" + hostId + "/commands", json).get("command_id").textValue();
    }

    /** {@code POST /v1/approvals/{id}/decision} with a JSON body. */
    JsonNode decide(String approvalId, String json) {
        return post("/v1/approvals/" + approvalId + "/decision", json);
    }

    long lastAckedSeq(String hostId) {
        return host(hostId).get("last_acked_seq").longValue();
    }

    /** A direct connection to the control plane's database, to check what was stored. */
    Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, postgres == null ? null : "postgres",
                postgres == null ? null : "postgres");
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(plane.httpUrl() + path)).GET(), path);
    }

    private JsonNode post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(plane.httpUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), path);
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + adminToken)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return codec.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("request " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        plane.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}
