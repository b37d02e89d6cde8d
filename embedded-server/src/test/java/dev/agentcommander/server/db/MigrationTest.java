package dev.agentcommander.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.server.app.ControlPlane;
import dev.agentcommander.server.app.ServerConfig;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.SharedPostgres;
import dev.agentcommander.server.testing.TestPlane;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MigrationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void emptyDatabase_isMigrated_andASecondStartChangesNothing(Engine engine) throws Exception {
        String url = engine.newDatabaseUrl(dir);
        ServerConfig config = new ServerConfig(url, TestPlane.SECRET, "127.0.0.1", 0, dir);

        try (ControlPlane plane = ControlPlane.start(config)) {
            assertThat(health(plane)).contains("\"status\":\"ok\"")
                    .contains("\"database\":\"" + engine.name().toLowerCase() + "\"");
        }
        try (ControlPlane plane = ControlPlane.start(config)) {
            assertThat(health(plane)).contains("\"status\":\"ok\"");
            Jdbi jdbi = Jdbi.create(DatabaseUrl.parse(url, dir).jdbcUrl());
            List<String> versions = jdbi.withHandle(h -> h.createQuery(
                    "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")
                    .mapTo(String.class).list());
            assertThat(versions).containsExactly("1", "2", "3", "4", "5", "6", "7");
            for (String table : List.of("hosts", "host_tokens", "sessions", "events", "commands", "approvals",
                    "session_snapshots")) {
                long rows = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
                assertThat(rows).as(table).isZero();
            }
        }
    }

    @Test
    void noDatabaseUrl_usesAnH2FileInTheDataDir() throws Exception {
        Path data = dir.resolve("data");

        try (ControlPlane plane = ControlPlane.start(new ServerConfig(null, TestPlane.SECRET, "127.0.0.1", 0, data))) {
            assertThat(health(plane)).contains("\"database\":\"h2\"");
        }
        assertThat(Files.exists(data.resolve("agent-commander.mv.db"))).isTrue();
    }

    @Test
    void postgresUriForm_reachesARealPostgresql() throws Exception {
        String name = SharedPostgres.newDatabaseName();
        String url = "postgres://postgres:any-password@localhost:" + SharedPostgres.port() + "/" + name;

        try (ControlPlane plane = ControlPlane.start(new ServerConfig(url, TestPlane.SECRET, "127.0.0.1", 0, dir))) {
            assertThat(health(plane)).contains("\"database\":\"postgresql\"");
        }
    }

    private static String health(ControlPlane plane) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(plane.httpUrl() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
