package dev.agentcommander.desktop.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The person's settings, kept in {@code settings.json} in the XDG config dir: which desktop notifications to show.
 * Unknown fields are ignored so an older app reads a newer file.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(Boolean notifyApprovals, Boolean notifyAttention) {
    public static final Settings DEFAULTS = new Settings(true, true);

    public Settings {
        notifyApprovals = notifyApprovals == null || notifyApprovals;
        notifyAttention = notifyAttention == null || notifyAttention;
    }

    public boolean approvalsOn() {
        return notifyApprovals;
    }

    public boolean attentionOn() {
        return notifyAttention;
    }
}
