package dev.agentcommander.agentd.app;

import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.config.HooksConfig;
import dev.agentcommander.agentd.hooks.HookEndpoint;
import dev.agentcommander.agentd.hooks.HookInstaller;
import dev.agentcommander.schema.WireCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agentd install-hooks}: merges agentd's HTTP hooks into Claude Code's settings.json. */
@Command(name = "install-hooks", mixinStandardHelpOptions = true,
        description = "Merge agentd's Claude Code hooks into a settings.json (idempotent; keeps your own hooks; "
                + "writes a timestamped backup first).")
final class InstallHooksCommand implements Callable<Integer> {
    @Option(names = "--settings", paramLabel = "PATH",
            description = "Claude Code settings file (default: ~/.claude/settings.json).")
    private Path settings;

    @Option(names = "--config", defaultValue = "/etc/agentd/config.yaml", paramLabel = "FILE",
            description = "agentd config, for the state dir and hooks settings (default: ${DEFAULT-VALUE}).")
    private Path config;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Use this state dir with default hooks settings instead of reading --config.")
    private Path stateDir;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path dir;
        HooksConfig hooks;
        if (stateDir != null) {
            dir = stateDir;
            hooks = HooksConfig.defaults();
        } else {
            AgentConfig loaded = AgentConfig.load(config);
            dir = loaded.storage().stateDir();
            hooks = loaded.hooks();
        }
        Path target = settings != null ? settings
                : Path.of(System.getProperty("user.home"), ".claude", "settings.json");
        WireCodec codec = new WireCodec();
        Files.createDirectories(dir);
        // Creates hooks.json (port and secret) if agentd never ran here, so the hooks point where it will listen.
        HookEndpoint endpoint = HookEndpoint.loadOrCreate(dir, hooks, codec.mapper());
        HookInstaller.Outcome outcome = new HookInstaller(codec.mapper()).install(target, endpoint,
                hooks.permissionTimeoutS());
        var out = spec.commandLine().getOut();
        if (!outcome.changed()) {
            out.println("agentd hooks already installed in " + target + " (" + endpoint.url() + "); nothing changed");
        } else {
            out.println("installed agentd hooks for " + String.join(", ", HookInstaller.EVENTS) + " in " + target
                    + " → " + endpoint.url());
            outcome.backup().ifPresent(backup -> out.println("backup of the previous file: " + backup));
        }
        return 0;
    }
}
