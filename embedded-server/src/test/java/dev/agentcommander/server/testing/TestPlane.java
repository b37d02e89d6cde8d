package dev.agentcommander.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.app.ControlPlane;
import dev.agentcommander.server.app.ServerConfig;
import dev.agentcommander.server.app.ServerTuning;
import dev.agentcommander.server.db.Database;
import dev.agentcommander.server.db.DatabaseUrl;
import dev.agentcommander.server.login.GithubLoginConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/** A real control plane on 127.0.0.1:0 over a fresh database, with an HTTP client and direct DB access. */
public final class TestPlane implements AutoCloseable {
    public static final String SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";

    private final ControlPlane plane;
    private final Path dir;
    private final String databaseUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final WireCodec codec = new WireCodec();
    private final String adminToken;

    private TestPlane(ControlPlane plane, Path dir, String databaseUrl) {
        this.plane = plane;
        this.dir = dir;
        this.databaseUrl = databaseUrl;
        this.adminToken = plane.mintUserToken(Role.ADMIN, "admin@example.com", Duration.ofMinutes(5));
    }

    public static TestPlane start(Engine engine) {
        return start(engine, ServerTuning.DEFAULTS);
    }

    public static TestPlane start(Engine engine, ServerTuning tuning) {
        return start(engine, tuning, GithubLoginConfig.DISABLED);
    }

    public static TestPlane start(Engine engine, ServerTuning tuning, GithubLoginConfig github) {
        try {
            Path dir = Files.createTempDirectory("ac-server-test");
            String url = engine.newDatabaseUrl(dir);
            return new TestPlane(ControlPlane.start(new ServerConfig(url, SECRET, "127.0.0.1", 0, dir), tuning,
                    github), dir, url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node over an existing database (team mode: nodes share one PostgreSQL); {@code secret} null = none given. */
    public static TestPlane join(String databaseUrl, String secret) {
        try {
            Path dir = Files.createTempDirectory("ac-server-node");
            return new TestPlane(ControlPlane.start(new ServerConfig(databaseUrl, secret, "127.0.0.1", 0, dir)), dir,
                    databaseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ControlPlane plane() {
        return plane;
    }

    public WireCodec codec() {
        return codec;
    }

    public String adminToken() {
        return adminToken;
    }

    public String token(Role role) {
        return plane.mintUserToken(role, role + "@example.com", Duration.ofMinutes(5));
    }

    /** A JDBI on the same database, to check what was stored (H2 in the same JVM shares the open database). */
    public Jdbi jdbi() {
        return Jdbi.create(databaseUrl.startsWith("jdbc:h2:")
                ? databaseUrl + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" : databaseUrl);
    }

    /** A second pool on the same database, as the control plane opens it (SqlObject DAOs, instant mapping). */
    public Database openDatabase() {
        return Database.open(DatabaseUrl.parse(databaseUrl, null));
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    /** Creates a host as admin; returns its host_id. */
    public String createHost(String name) {
        Response response = post("/v1/hosts", adminToken, "{\"name\":\"" + name + "\"}");
        if (response.status() != 201) {
            throw new IllegalStateException("create host: " + response);
        }
        return response.body().get("host_id").asText();
    }

    /** Creates a host with a unique name and mints a token for it. */
    public HostAccess newHost() {
        String hostId = createHost("host-" + UUID.randomUUID());
        Response minted = post("/v1/hosts/" + hostId + "/tokens", adminToken, "");
        if (minted.status() != 201) {
            throw new IllegalStateException("mint token: " + minted);
        }
        return new HostAccess(hostId, minted.body().get("token_id").asText(), minted.body().get("token").asText());
    }

    /** The host as {@code GET /v1/hosts} lists it. */
    public JsonNode hostRow(String hostId) {
        for (JsonNode host : get("/v1/hosts", adminToken).body().get("items")) {
            if (host.get("host_id").asText().equals(hostId)) {
                return host;
            }
        }
        throw new IllegalStateException("no host " + hostId);
    }

    public TestAgent agent(HostAccess host, String streamId) {
        return TestAgent.connect(plane.agentWsUrl(), host.token(), streamId);
    }

    @Override
    public void close() {
        plane.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(plane.httpUrl() + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
            JsonNode body = !json || text == null || text.isBlank() ? null : codec.mapper().readTree(text);
            return new Response(response.statusCode(), body, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A host and a token for it. */
    public record HostAccess(String hostId, String tokenId, String token) {
    }
}
