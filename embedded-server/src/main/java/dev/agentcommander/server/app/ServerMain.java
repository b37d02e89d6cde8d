package dev.agentcommander.server.app;

import dev.agentcommander.server.auth.UserTokens;
import dev.agentcommander.server.login.GithubLoginConfig;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar agent-commander-server.jar}: the headless control plane, configured from the environment
 * ({@code DATABASE_URL}, {@code JWT_SECRET}, {@code HOST}, {@code PORT}); {@code mint-token} prints a user token.
 */
@Command(name = "agent-commander-server", mixinStandardHelpOptions = true,
        versionProvider = ServerMain.VersionProvider.class,
        description = "Runs the Agent Commander control plane until stopped (Ctrl-C / SIGTERM).%n"
                + "Environment: DATABASE_URL (jdbc:h2:..., jdbc:postgresql://..., postgres://user:pass@host:port/db;"
                + " unset = H2 file in the data dir), JWT_SECRET (>= 32 bytes; required unless DATABASE_URL is"
                + " PostgreSQL, where the nodes share a stored one), HOST (0.0.0.0), PORT (8080),"
                + " ALLOWED_EMAILS / ADMIN_EMAILS and GITHUB_CLIENT_ID (GitHub sign-in), GITHUB_OAUTH_URL"
                + " (https://github.com), GITHUB_API_URL (https://api.github.com).")
public final class ServerMain implements Callable<Integer> {
    /** Exit code for configuration the server cannot start with. */
    static final int EXIT_CONFIG = 2;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    ServerMain(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command line; returns the exit code (the server itself returns only once it is stopped). */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new ServerMain(env, out, err))
                .addSubcommand(new MintTokenCommand(env, out, err));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config;
        GithubLoginConfig github;
        try {
            config = ServerConfig.fromEnv(env);
            if (config.jwtSecret() != null || !SigningSecret.shared(config)) {
                UserTokens.checkSecret(config.jwtSecret());
            }
            github = GithubLoginConfig.fromEnv(env);
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("agent-commander-server: " + e.getMessage());
            return EXIT_CONFIG;
        }
        ControlPlane plane;
        try {
            plane = ControlPlane.start(config, ServerTuning.DEFAULTS, github);
        } catch (ConfigException e) {
            err.println("agent-commander-server: " + e.getMessage());
            return EXIT_CONFIG;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            plane.close();
            stopped.countDown();
        }, "shutdown"));
        out.println("agent-commander-server listening on " + plane.httpUrl());
        stopped.await();
        return 0;
    }

    /** picocli's {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"agent-commander-server " + Version.current()};
        }
    }
}
