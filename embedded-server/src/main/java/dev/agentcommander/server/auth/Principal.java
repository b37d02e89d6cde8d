package dev.agentcommander.server.auth;

import dev.agentcommander.schema.model.Role;
import java.time.Instant;
import java.util.Objects;

/** A signed-in user, from a verified JWT: {@code sub}, {@code email}, {@code role}, and when the token expires (null = unknown). */
public record Principal(String subject, String email, Role role, Instant expiresAt) {
    /** Context attribute under which {@link AccessGuard} leaves the caller. */
    public static final String ATTRIBUTE = "agentcommander.principal";

    public Principal {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
    }

    public Principal(String subject, String email, Role role) {
        this(subject, email, role, null);
    }

    /** admin ⊇ operator ⊇ viewer. */
    public boolean has(Role needed) {
        return rank(role) >= rank(needed);
    }

    private static int rank(Role role) {
        return switch (role) {
            case ADMIN -> 3;
            case OPERATOR -> 2;
            case VIEWER -> 1;
        };
    }
}
