package dev.agentcommander.chaos.app;

import dev.agentcommander.chaos.fleet.Jars;
import dev.agentcommander.chaos.scenario.Scale;
import dev.agentcommander.chaos.scenario.Scenario;
import dev.agentcommander.chaos.scenario.ScenarioResult;
import dev.agentcommander.chaos.scenario.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar chaos/target/agent-commander-chaos.jar [scenario…] [--scale tiny|small|full]}: runs the scenarios
 * (all by default) against real server, agentd and tmux processes; exit 1 when any fails.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Starts real control-plane, agentd and tmux processes, injects faults under load, and counts "
                + "lost, duplicated and out-of-order durable events.")
public final class ChaosMain implements Callable<Integer> {
    @Parameters(arity = "0..*", description = "scenarios to run, in order (default: all): ${COMPLETION-CANDIDATES}")
    List<Scenarios> scenarios = new ArrayList<>();

    @Option(names = "--scale", defaultValue = "small", description = "tiny, small or full; default ${DEFAULT-VALUE}")
    String scale;

    @Option(names = "--project-dir", defaultValue = ".", description = "where the server and agentd jars were built")
    Path projectDir;

    @Option(names = "--work-dir", description = "logs, databases and state dirs (default: a new temp dir)")
    Path workDir;

    public static void main(String[] args) {
        // Interrupted (Ctrl+C, SIGTERM): the server and agentd processes this run started must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
        System.exit(new CommandLine(new ChaosMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Scale chosen = Scale.valueOf(scale.toUpperCase(java.util.Locale.ROOT));
        Jars jars = Jars.under(projectDir.toAbsolutePath());
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("chaos");
        System.out.printf("chaos: scale %s, work dir %s%n", chosen.name().toLowerCase(java.util.Locale.ROOT), dir);
        List<Scenarios> toRun = scenarios.isEmpty() ? List.of(Scenarios.values()) : scenarios;
        boolean allPassed = true;
        for (Scenarios which : toRun) {
            Scenario scenario = which.scenario();
            long started = System.nanoTime();
            ScenarioResult result = scenario.run(jars, Files.createDirectories(dir.resolve(scenario.name())), chosen);
            result.print(System.out);
            System.out.printf("  took          %d s%n", (System.nanoTime() - started) / 1_000_000_000);
            allPassed &= result.passed();
        }
        System.out.println(allPassed ? "PASS all" : "FAIL");
        return allPassed ? 0 : 1;
    }
}
