package dev.agentcommander.server.auth;

import dev.agentcommander.server.api.NotFoundException;
import dev.agentcommander.server.api.UnauthorizedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Host tokens {@code ach_<token_id>_<secret>}: minted by an admin, stored as the SHA-256 hex of the whole
 * token, looked up by token id, compared in constant time, revocable. Thread-safe.
 */
public final class HostTokens {
    private static final String PREFIX = "ach_";
    private static final HexFormat HEX = HexFormat.of();

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public HostTokens(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Creates a token for an existing host; the caller checks that the host exists. */
    public MintedHostToken mint(String hostId) {
        String tokenId = HEX.formatHex(randomBytes(16));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        String token = PREFIX + tokenId + "_" + secret;
        jdbi.useExtension(HostTokenDao.class, dao -> dao.insert(tokenId, hostId, sha256Hex(token), clock.instant()));
        return new MintedHostToken(tokenId, token);
    }

    /** @throws UnauthorizedException unless {@code token} is a known, unrevoked host token */
    public HostCredential authenticate(String token) {
        if (token == null || token.isBlank()) {
            throw new UnauthorizedException("missing host token (Authorization: Bearer ach_...)");
        }
        String tokenId = tokenId(token);
        byte[] presented = sha256Hex(token).getBytes(StandardCharsets.US_ASCII);
        Optional<HostTokenDao.StoredHostToken> stored = tokenId == null ? Optional.empty()
                : jdbi.withExtension(HostTokenDao.class, dao -> dao.find(tokenId));
        // compare even when nothing was found, so a miss costs the same as a mismatch
        byte[] expected = stored.map(s -> s.tokenHash().getBytes(StandardCharsets.US_ASCII)).orElse(new byte[presented.length]);
        boolean matches = MessageDigest.isEqual(presented, expected) && stored.isPresent();
        if (!matches) {
            throw new UnauthorizedException("invalid host token");
        }
        if (stored.get().revokedAt() != null) {
            throw new UnauthorizedException("host token revoked");
        }
        return new HostCredential(stored.get().hostId(), tokenId);
    }

    /** Whether the token is revoked (or gone): a socket it opened must not stay open. */
    public boolean revoked(String tokenId) {
        return jdbi.withExtension(HostTokenDao.class, dao -> dao.find(tokenId))
                .map(token -> token.revokedAt() != null).orElse(true);
    }

    /** Every token of {@code hostId}, revoked ones too (with their revoked_at), oldest first; no secrets. */
    public List<HostTokenRow> list(String hostId) {
        return jdbi.withExtension(HostTokenDao.class, dao -> dao.list(hostId));
    }

    /**
     * Revokes a token of {@code hostId}; revoking a revoked token again is fine.
     *
     * @throws NotFoundException when the host has no such token
     */
    public void revoke(String hostId, String tokenId) {
        jdbi.useTransaction(handle -> {
            HostTokenDao dao = handle.attach(HostTokenDao.class);
            Optional<HostTokenDao.StoredHostToken> stored = dao.find(tokenId);
            if (stored.isEmpty() || !stored.get().hostId().equals(hostId)) {
                throw new NotFoundException("host " + hostId + " has no token " + tokenId);
            }
            dao.revoke(hostId, tokenId, clock.instant());
        });
    }

    private static String tokenId(String token) {
        if (!token.startsWith(PREFIX)) {
            return null;
        }
        int end = token.indexOf('_', PREFIX.length());
        return end <= PREFIX.length() ? null : token.substring(PREFIX.length(), end);
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String sha256Hex(String token) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
