package dev.agentcommander.desktop.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The person's settings, kept in {@code settings.json} in the XDG config dir: which desktop notifications to show,
 * and the theme.
 * Unknown fields are ignored so an older app reads a newer file.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(Boolean notifyApprovals, Boolean notifyAttention, Theme theme) {
    public static final Settings DEFAULTS = new Settings(true, true, Theme.SYSTEM);

    /** Light or dark: as the desktop prefers (its colour-scheme setting), or chosen. */
    public enum Theme { SYSTEM, LIGHT, DARK }

    public Settings {
        notifyApprovals = notifyApprovals == null || notifyApprovals;
        notifyAttention = notifyAttention == null || notifyAttention;
        theme = theme == null ? Theme.SYSTEM : theme;
    }

    public Settings withNotifications(boolean approvals, boolean attention) {
        return new Settings(approvals, attention, theme);
    }

    public Settings withTheme(Theme newTheme) {
        return new Settings(notifyApprovals, notifyAttention, newTheme);
    }

    public boolean approvalsOn() {
        return notifyApprovals;
    }

    public boolean attentionOn() {
        return notifyAttention;
    }
}
