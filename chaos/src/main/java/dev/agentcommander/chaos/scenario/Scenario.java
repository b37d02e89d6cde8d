package dev.agentcommander.chaos.scenario;

import dev.agentcommander.chaos.fleet.Jars;
import java.nio.file.Path;

/** One chaos scenario: starts its own processes under {@code dir}, injects its faults, counts what survived. */
public interface Scenario {
    String name();

    ScenarioResult run(Jars jars, Path dir, Scale scale) throws Exception;
}
