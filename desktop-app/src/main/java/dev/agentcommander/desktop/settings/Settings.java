package dev.agentcommander.desktop.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The person's settings, kept in {@code settings.json} in the XDG config dir: which desktop notifications to show,
 * the theme, and the team database the next start joins when no {@code --database-url} is given (null = solo).
 * Unknown fields are ignored so an older app reads a newer file.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Settings(Boolean notifyApprovals, Boolean notifyAttention, Theme theme, String teamDatabaseUrl) {
    public static final Settings DEFAULTS = new Settings(true, true, Theme.SYSTEM, null);

    /** Light or dark: as the desktop prefers (its colour-scheme setting), or chosen. */
    public enum Theme { SYSTEM, LIGHT, DARK }

    public Settings {
        notifyApprovals = notifyApprovals == null || notifyApprovals;
        notifyAttention = notifyAttention == null || notifyAttention;
        theme = theme == null ? Theme.SYSTEM : theme;
        teamDatabaseUrl = teamDatabaseUrl == null || teamDatabaseUrl.isBlank() ? null : teamDatabaseUrl.trim();
    }

    public Settings withNotifications(boolean approvals, boolean attention) {
        return new Settings(approvals, attention, theme, teamDatabaseUrl);
    }

    public Settings withTheme(Theme newTheme) {
        return new Settings(notifyApprovals, notifyAttention, newTheme, teamDatabaseUrl);
    }

    /** {@code url} null or blank: solo mode at the next start. */
    public Settings withTeamDatabaseUrl(String url) {
        return new Settings(notifyApprovals, notifyAttention, theme, url);
    }

    public boolean approvalsOn() {
        return notifyApprovals;
    }

    public boolean attentionOn() {
        return notifyAttention;
    }

    /** Never the database password: settings end up in logs and error reports. */
    @Override
    public String toString() {
        return "Settings[notifyApprovals=" + notifyApprovals + ", notifyAttention=" + notifyAttention + ", theme="
                + theme + ", teamDatabaseUrl=" + (teamDatabaseUrl == null ? null : TeamDatabase.redacted(teamDatabaseUrl))
                + "]";
    }
}
