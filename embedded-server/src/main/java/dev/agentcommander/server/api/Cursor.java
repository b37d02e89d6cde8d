package dev.agentcommander.server.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * An opaque keyset cursor: the sort key of the last row of a page ({@code at} may be null when the key is text
 * only). Clients pass {@code next} back as {@code after} and never look inside.
 */
public record Cursor(Instant at, String id) {
    public String encode() {
        String text = (at == null ? "" : at.toString()) + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws BadRequestException naming {@code field} when the text is no cursor of ours */
    public static Cursor decode(String text, String field) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            String at = decoded.substring(0, bar);
            return new Cursor(at.isEmpty() ? null : Instant.parse(at), decoded.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
            throw new BadRequestException(field, "not a cursor this server handed out");
        }
    }

    /** A {@code limit} parameter: null text gives {@code fallback}. */
    public static int limit(String text, int fallback, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException("limit", "expected a number 1-" + max + ", was '" + text + "'");
    }
}
