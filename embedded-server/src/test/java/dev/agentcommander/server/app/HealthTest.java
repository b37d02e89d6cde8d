package dev.agentcommander.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.server.testing.Response;
import dev.agentcommander.server.testing.TestPlane;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HealthTest {
    /** A private PostgreSQL: stopping the shared one would fail the other tests of this JVM. */
    @Test
    void health_answers503Promptly_whilePostgresqlIsDown() throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try (TestPlane cp = TestPlane.join(postgres.getJdbcUrl("postgres", "postgres"), TestPlane.SECRET)) {
            assertThat(cp.get("/health", null).status()).isEqualTo(200);

            postgres.close();

            // the first check may fail fast on a pooled connection the shutdown broke; later ones wait for a new one
            for (int call = 1; call <= 3; call++) {
                long started = System.nanoTime();
                Response down = cp.get("/health", null);
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                System.out.println("GET /health #" + call + " with PostgreSQL down: " + down.status() + " in "
                        + took.toMillis() + " ms");
                assertThat(down.status()).isEqualTo(503);
                assertThat(down.body().get("status").asText()).isEqualTo("unavailable");
                // a bound against hanging, not a speed requirement
                assertThat(took).isLessThan(Duration.ofSeconds(5));
            }
        } finally {
            postgres.close();
        }
    }

    @Test
    void rest_answers503Unavailable_notA500_whilePostgresqlIsDown() throws IOException, InterruptedException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try (TestPlane cp = TestPlane.join(postgres.getJdbcUrl("postgres", "postgres"), TestPlane.SECRET)) {
            assertThat(cp.get("/v1/hosts", cp.adminToken()).status()).isEqualTo(200);

            postgres.close();

            // its own client: the answer comes once the pool gave up waiting for a connection (10 s)
            HttpResponse<String> down = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(cp.plane().httpUrl() + "/v1/hosts")).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + cp.adminToken()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(cp.codec().mapper().readTree(down.body()).path("error").path("code").asText())
                    .isEqualTo("unavailable");
        } finally {
            postgres.close();
        }
    }
}
