package dev.agentcommander.schema.ui;

import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.util.Locale;

/** Filter of the {@code sessions} topic and of {@code GET /v1/sessions}; null fields match everything. */
public record SessionFilter(String hostId, SessionStatus status, Provider provider, Boolean needsAttention, String q) {
    public static final SessionFilter ALL = new SessionFilter(null, null, null, null, null);

    public boolean matches(SessionRow row) {
        return (hostId == null || hostId.equals(row.hostId()))
                && (status == null || status == row.status())
                && (provider == null || provider == row.provider())
                && (needsAttention == null || needsAttention == row.needsAttention())
                && (q == null || q.isBlank() || matchesText(row));
    }

    private boolean matchesText(SessionRow row) {
        String needle = q.toLowerCase(Locale.ROOT);
        return contains(row.name(), needle) || contains(row.cwd(), needle) || contains(row.title(), needle)
                || (row.git() != null && contains(row.git().branch(), needle));
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }
}
