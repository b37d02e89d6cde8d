package dev.agentcommander.server.approval;

import dev.agentcommander.server.api.BadRequestException;
import dev.agentcommander.server.api.Cursor;
import java.time.Instant;

/**
 * What to list: {@code pending} true (pending only), false (decided or closed) or null (all), optional host and
 * session, and the page after an opaque cursor (the last row's requested_at and approval_id).
 */
public record ApprovalQuery(Boolean pending, String hostId, String sessionId, Instant afterAt, String afterId,
        int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    /** @throws BadRequestException naming the parameter */
    public static ApprovalQuery parse(String status, String hostId, String sessionId, String after, String limit) {
        Boolean pending = status == null ? null : switch (status) {
            case "pending" -> Boolean.TRUE;
            case "decided" -> Boolean.FALSE;
            default -> throw new BadRequestException("status", "expected pending or decided, was '" + status + "'");
        };
        Cursor cursor = after == null ? null : Cursor.decode(after, "after");
        if (cursor != null && cursor.at() == null) {
            throw new BadRequestException("after", "not a cursor this server handed out");
        }
        Instant afterAt = cursor == null ? null : cursor.at();
        String afterId = cursor == null ? null : cursor.id();
        return new ApprovalQuery(pending, hostId, sessionId, afterAt, afterId,
                Cursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    static String cursor(Instant requestedAt, String approvalId) {
        return new Cursor(requestedAt, approvalId).encode();
    }
}
