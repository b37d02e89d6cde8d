package dev.agentcommander.agentd.doctor;

import dev.agentcommander.schema.WireCodec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agentd doctor [--config FILE] [--settings PATH]}: prints each check's result; exit 1 if any problem. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check this host's setup for agentd: tmux binary and socket, same user, PrivateTmp, state dir, "
                + "control plane, host token, Claude Code hooks, codex and claude. Prints each problem with its fix; "
                + "exit code 1 if there is any. Run it as the user agentd runs as.")
public final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "/etc/agentd/config.yaml", paramLabel = "FILE",
            description = "Config file (default: ${DEFAULT-VALUE}).")
    private Path config;

    @Option(names = "--settings", paramLabel = "PATH",
            description = "Claude Code settings file to check for hooks (default: ~/.claude/settings.json).")
    private Path settings;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DoctorReport report = new Doctor(DoctorEnvironment.current(), settings, new WireCodec().mapper())
                .examine(config);
        report.print(spec.commandLine().getOut());
        return report.exitCode();
    }
}
