package dev.agentcommander.desktop;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The desktop's command line. No option means solo mode: an embedded control plane and agentd for this machine.
 * {@code dataDir} is null when the default (XDG data dir) applies.
 */
public record LaunchOptions(Path dataDir, String tmuxSocket, String databaseUrl, URI connectUrl) {

    public static LaunchOptions solo(Path dataDir, String tmuxSocket) {
        return new LaunchOptions(dataDir, tmuxSocket, null, null);
    }

    public Optional<URI> connect() {
        return Optional.ofNullable(connectUrl);
    }

    /** Parses {@code args}; throws {@link CommandLine.ParameterException} on bad input. */
    public static LaunchOptions parse(String... args) {
        Arguments arguments = new Arguments();
        new CommandLine(arguments).parseArgs(args);
        return arguments.toOptions();
    }

    /** A picocli command line for usage and version output. */
    public static CommandLine commandLine() {
        return new CommandLine(new Arguments());
    }

    /** Filled in by picocli on the parsing thread, then turned into the immutable record. */
    @Command(name = "agent-commander-desktop", mixinStandardHelpOptions = true,
            versionProvider = ImplementationVersion.class,
            description = "Operator console for AI coding agents in tmux. Without options it runs in solo mode: "
                    + "an embedded control plane and agentd for this machine, no login.")
    static final class Arguments {
        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Where solo mode keeps its database, secrets and agentd state "
                        + "(default: $XDG_DATA_HOME/agent-commander or ~/.local/share/agent-commander).")
        Path dataDir;

        @Option(names = "--tmux-socket", paramLabel = "PATH",
                description = "tmux server socket the embedded agentd watches (default: your default tmux server).")
        String tmuxSocket;

        @Option(names = "--database-url", paramLabel = "URL",
                description = "Team mode: share this database (jdbc:postgresql://..., postgres://user:pass@host/db).")
        String databaseUrl;

        @Option(names = "--connect", paramLabel = "URL",
                description = "Thin client of a remote control plane (http[s]://host:port). "
                        + "Uses the token in AGENT_COMMANDER_TOKEN if set, else signs in with GitHub.")
        URI connectUrl;

        LaunchOptions toOptions() {
            if (connectUrl != null && (databaseUrl != null || tmuxSocket != null)) {
                throw new IllegalArgumentException("--connect runs nothing locally: drop --database-url and --tmux-socket");
            }
            return new LaunchOptions(dataDir, blankToNull(tmuxSocket), blankToNull(databaseUrl), connectUrl);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }

    static final class ImplementationVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LaunchOptions.class.getPackage().getImplementationVersion();
            return new String[] {"Agent Commander desktop " + (version == null ? "(development build)" : version)};
        }
    }
}
