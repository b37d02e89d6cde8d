package dev.agentcommander.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.server.testing.Response;
import dev.agentcommander.server.testing.TestPlane;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
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
}
