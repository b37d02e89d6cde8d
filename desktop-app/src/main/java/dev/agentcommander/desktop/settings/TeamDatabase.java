package dev.agentcommander.desktop.settings;

import dev.agentcommander.desktop.LaunchOptions;

/**
 * Which database the local control plane uses at this start: the command line's {@code --database-url} wins over
 * the one saved in the settings; neither means solo mode (H2 in the data dir). A thin client ({@code --connect})
 * uses none.
 */
public record TeamDatabase(String url, Source source) {
    public enum Source { COMMAND_LINE, SETTINGS, NONE, THIN_CLIENT }

    public static TeamDatabase choose(LaunchOptions options, Settings saved) {
        if (options.connect().isPresent()) {
            return new TeamDatabase(null, Source.THIN_CLIENT);
        }
        if (options.databaseUrl() != null) {
            return new TeamDatabase(options.databaseUrl(), Source.COMMAND_LINE);
        }
        if (saved.teamDatabaseUrl() != null) {
            return new TeamDatabase(saved.teamDatabaseUrl(), Source.SETTINGS);
        }
        return new TeamDatabase(null, Source.NONE);
    }

    /** What the settings dialog says about the running mode. */
    public String describe() {
        return switch (source) {
            case COMMAND_LINE -> "Team mode, on " + redacted(url) + " from --database-url (the command line wins "
                    + "over the database saved here).";
            case SETTINGS -> "Team mode, on " + redacted(url) + " as saved here.";
            case NONE -> "Solo mode: this machine only, with its own database in the data directory.";
            case THIN_CLIENT -> "Thin client of a remote control plane (--connect): a team database saved here "
                    + "is used only when the app runs its own control plane.";
        };
    }

    /** The URL without its password (user-info form and {@code password=} parameters), for logs and labels. */
    public static String redacted(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@")
                .replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
