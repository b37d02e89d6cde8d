package dev.agentcommander.agentd.app;

import dev.agentcommander.agentd.channel.OutboxException;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.config.ConfigException;
import dev.agentcommander.agentd.doctor.DoctorCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code agentd} command line: {@code agentd run --config FILE}, {@code agentd hook <event>} ({@link HookCommand}),
 * {@code agentd install-hooks}, {@code agentd doctor} ({@link DoctorCommand}), {@code agentd --version}.
 */
@Command(name = "agentd", mixinStandardHelpOptions = true, versionProvider = AgentdMain.Version.class,
        description = "Agent Commander host daemon: reports this host's tmux sessions to the control plane.",
        subcommands = {AgentdMain.Run.class, InstallHooksCommand.class, DoctorCommand.class})
public final class AgentdMain implements Callable<Integer> {
    static final int EXIT_CONFIG = 2;
    static final int EXIT_STATE = 1;


    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("hook")) {
            // First, before logging and picocli load: a Claude Code hook waits for this process on every tool call.
            System.exit(HookCommand.run(args, System.in, System.out, System.err, System.getenv()));
        }
        // Our own file name, so an application embedding agentd keeps its logback.xml without a clash.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/agentcommander/agentd/agentd-logback.xml");
        }
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new AgentdMain()).setExecutionExceptionHandler(AgentdMain::failure);
    }

    /** {@code agentd} without a command: usage on stderr, exit code 2 like any other usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** The one place where startup errors become messages and exit codes. */
    private static int failure(Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        if (error instanceof ConfigException) {
            commandLine.getErr().println("agentd: config error: " + error.getMessage());
            return EXIT_CONFIG;
        }
        if (error instanceof OutboxException) {
            commandLine.getErr().println("agentd: " + error.getMessage());
            return EXIT_STATE;
        }
        if (error instanceof java.io.IOException) {
            commandLine.getErr().println("agentd: " + error.getMessage());
            return EXIT_STATE;
        }
        throw error;
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run the daemon until SIGTERM or SIGINT.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--config", defaultValue = "/etc/agentd/config.yaml", paramLabel = "FILE",
                description = "Config file (default: ${DEFAULT-VALUE}).")
        private Path config;

        @Override
        public Integer call() throws InterruptedException {
            Agentd agentd = Agentd.start(AgentConfig.load(config));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                agentd.close();
                stopped.countDown();
            }, "agentd-shutdown"));
            stopped.await();
            return 0;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"agentd " + AgentdVersion.current()};
        }
    }
}
