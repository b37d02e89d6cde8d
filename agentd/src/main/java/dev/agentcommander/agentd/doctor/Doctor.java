package dev.agentcommander.agentd.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code agentd doctor}: loads the config and runs the troubleshooting checks in order — tmux binary, socket,
 * same user, PrivateTmp, state dir, control plane, host token, Claude hooks, codex, claude. When the config does
 * not load, that is the first problem and every other check is skipped. Stateless.
 */
public final class Doctor {
    static final String CONFIG = "config";

    private final DoctorEnvironment environment;
    private final Path claudeSettings;
    private final ObjectMapper json;

    /** {@code claudeSettings} null = the environment's {@code ~/.claude/settings.json}. */
    public Doctor(DoctorEnvironment environment, Path claudeSettings, ObjectMapper json) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.claudeSettings = claudeSettings != null ? claudeSettings : environment.claudeSettings();
        this.json = json;
    }

    /** The names of the checks that need a loaded config, in the order they run. */
    static List<String> configuredChecks() {
        List<String> names = new ArrayList<>(TmuxChecks.NAMES);
        names.add(StateDirCheck.NAME);
        names.addAll(ControlPlaneChecks.NAMES);
        names.add(ClaudeHooksCheck.NAME);
        names.addAll(ProviderChecks.NAMES);
        return names;
    }

    public DoctorReport examine(Path configFile) {
        List<CheckResult> results = new ArrayList<>();
        AgentConfig config;
        try {
            config = AgentConfig.load(configFile);
        } catch (ConfigException e) {
            results.add(configProblem(configFile, e));
            configuredChecks().forEach(name -> results.add(CheckResult.skipped(name, "needs a config that loads")));
            return new DoctorReport(results);
        }
        results.add(CheckResult.ok(CONFIG, configFile.toAbsolutePath().toString()));
        results.addAll(new TmuxChecks(config.tmux(), environment).run());
        results.add(new StateDirCheck(environment.uid()).check(config.storage().stateDir()));
        results.addAll(new ControlPlaneChecks(json).run(config.controlPlane()));
        results.add(new ClaudeHooksCheck(json).check(claudeSettings, config, configFile));
        results.addAll(new ProviderChecks(environment.searchPath()).run(config.providers()));
        return new DoctorReport(results);
    }

    private static CheckResult configProblem(Path configFile, ConfigException error) {
        if (ConfigException.WHOLE_FILE.equals(error.key())) {
            return CheckResult.problem(CONFIG, error.getMessage(), "write " + configFile
                    + " (docs/agentd.md, Configuration), or pass --config FILE");
        }
        return CheckResult.problem(CONFIG, error.getMessage() + " (in " + configFile + ")",
                "correct " + error.key() + " in " + configFile);
    }
}
