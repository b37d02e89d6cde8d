package dev.agentcommander.agentd.app;

import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.config.HooksConfig;
import dev.agentcommander.agentd.hooks.ClaudeHooks;
import dev.agentcommander.agentd.hooks.HookEndpoint;
import dev.agentcommander.agentd.hooks.HookInstaller;
import dev.agentcommander.agentd.internal.Shell;
import dev.agentcommander.schema.WireCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agentd install-hooks}: merges agentd's hooks into Claude Code's settings.json. */
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

    @Option(names = "--transport", defaultValue = "http", paramLabel = "http|command",
            description = "How Claude Code reaches agentd: http (the receiver in hooks.json; default) or command "
                    + "(`agentd hook` over the Unix socket: for panes that cannot reach 127.0.0.1, and quiet while "
                    + "agentd is down). SessionStart and SessionEnd are command hooks either way.")
    private String transport;

    @Option(names = "--agentd-command", paramLabel = "CMD",
            description = "How command hooks start agentd (default: this Java and this agentd jar, with fast-start "
                    + "JVM flags), e.g. /usr/local/bin/agentd.")
    private String agentdCommand;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** JVM flags that make the short-lived {@code agentd hook} process start faster. */
    static final String FAST_START_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto";

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
        HookInstaller.Transport chosen = switch (transport.toLowerCase(java.util.Locale.ROOT)) {
            case "http" -> HookInstaller.Transport.HTTP;
            case "command" -> HookInstaller.Transport.COMMAND;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--transport must be http or command, was '" + transport + "'");
        };
        Path socket = ClaudeHooks.socketPath(dir, hooks).toAbsolutePath();
        HookInstaller.Outcome outcome = new HookInstaller(codec.mapper()).install(target, endpoint,
                hooks.permissionTimeoutS(), chosen, agentdCommand != null ? agentdCommand : defaultAgentdCommand(),
                socket);
        var out = spec.commandLine().getOut();
        if (!outcome.changed()) {
            out.println("agentd hooks already installed in " + target + " (" + endpoint.url() + "); nothing changed");
        } else {
            out.println("installed agentd hooks in " + target + ": " + String.join(", ", HookInstaller.EVENTS)
                    + (chosen == HookInstaller.Transport.HTTP ? " → " + endpoint.url() : " → agentd hook via " + socket)
                    + "; " + String.join(", ", HookInstaller.COMMAND_ONLY_EVENTS) + " → agentd hook via " + socket);
            outcome.backup().ifPresent(backup -> out.println("backup of the previous file: " + backup));
        }
        return 0;
    }

    /** This JVM running this agentd (its jar, or its class path when not run from a jar), with fast-start flags. */
    static String defaultAgentdCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            Path code = Path.of(AgentdMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                return Shell.quoted(java) + " " + FAST_START_FLAGS + " -jar "
                        + Shell.quoted(code.toAbsolutePath().toString());
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall back to the class path below
        }
        return Shell.quoted(java) + " " + FAST_START_FLAGS + " -cp "
                + Shell.quoted(System.getProperty("java.class.path")) + " " + AgentdMain.class.getName();
    }
}
