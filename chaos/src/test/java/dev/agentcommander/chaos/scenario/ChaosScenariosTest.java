package dev.agentcommander.chaos.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.chaos.fleet.Jars;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scenarios at the tiny scale, on the jars this build made: counts only (nothing lost, doubled or reordered,
 * commands at most once with their results; for abuse, every check of its own), never timings, which the shared
 * machine cannot promise.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ChaosScenariosTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Scenarios.class)
    void underFaults_everyAnsweredEventIsStoredOnce_inOrder(Scenarios which) throws Exception {
        Jars jars = Jars.under(Path.of(System.getProperty("agentcommander.chaos.jars", "..")));

        ScenarioResult result = which.scenario().run(jars, dir, Scale.TINY);

        result.print(System.out);
        assertThat(result.delivery().answered()).as("hooks agentd answered").isPositive();
        assertThat(result.delivery().lost()).as("lost").isZero();
        assertThat(result.delivery().duplicated()).as("duplicated").isZero();
        assertThat(result.delivery().outOfOrder()).as("out of order").isZero();
        assertThat(result.problems()).isEmpty();
    }
}
