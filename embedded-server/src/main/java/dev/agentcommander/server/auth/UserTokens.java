package dev.agentcommander.server.auth;

import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.api.UnauthorizedException;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import javax.crypto.SecretKey;

/** Mints and verifies the users' HS256 JWTs (claims sub, email, role, iat, exp). Thread-safe. */
public final class UserTokens {
    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;
    private static final String ALGORITHM = "HS256";

    private final SecretKey key;
    private final JwtParser parser;
    private final Clock clock;

    public UserTokens(String secret, Clock clock) {
        checkSecret(secret);
        this.key = Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.parser = Jwts.parser()
                .verifyWith(key)
                // no clock-skew leeway: exp was set by this server's own clock (security.md, User tokens)
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    /** @throws WeakSecretException saying what to set, when the secret is missing or shorter than 32 bytes */
    public static void checkSecret(String secret) {
        String advice = "set JWT_SECRET to a random string of at least " + MIN_SECRET_BYTES
                + " bytes, e.g. JWT_SECRET=$(openssl rand -base64 48)";
        if (secret == null || secret.isEmpty()) {
            throw new WeakSecretException("JWT_SECRET is not set: " + advice);
        }
        int length = secret.getBytes(StandardCharsets.UTF_8).length;
        if (length < MIN_SECRET_BYTES) {
            throw new WeakSecretException("JWT_SECRET is too short (" + length + " bytes): " + advice);
        }
    }

    public String mint(Role role, String email, Duration ttl) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(email, "email");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        Instant now = clock.instant();
        return Jwts.builder()
                .subject(email)
                .claim("email", email)
                .claim("role", role.toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    /**
     * @throws UnauthorizedException for a missing, malformed, unsigned ({@code alg: none}), wrongly signed or
     *     expired token (no leeway), or one without a known role or with a non-string email
     */
    public Principal verify(String token) {
        if (token == null || token.isBlank()) {
            throw new UnauthorizedException("missing token");
        }
        Jws<Claims> jws;
        try {
            jws = parser.parseSignedClaims(token);
        } catch (ExpiredJwtException e) {
            throw new UnauthorizedException("token expired");
        } catch (JwtException | IllegalArgumentException e) {
            throw new UnauthorizedException("invalid token: " + e.getMessage());
        }
        if (!ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
            throw new UnauthorizedException("invalid token: algorithm must be " + ALGORITHM);
        }
        Claims claims = jws.getPayload();
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new UnauthorizedException("invalid token: no sub claim");
        }
        if (claims.getExpiration() == null) {
            throw new UnauthorizedException("invalid token: no exp claim");
        }
        Object role = claims.get("role");
        if (!(role instanceof String roleName)) {
            throw new UnauthorizedException("invalid token: no role claim");
        }
        Object email = claims.get("email");
        if (email != null && !(email instanceof String)) {
            throw new UnauthorizedException("invalid token: email claim must be a string");
        }
        try {
            return new Principal(claims.getSubject(), (String) email, Role.fromWire(roleName),
                    claims.getExpiration().toInstant());
        } catch (IllegalArgumentException e) {
            throw new UnauthorizedException("invalid token: unknown role '" + roleName + "'");
        }
    }
}
