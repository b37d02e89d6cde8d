package dev.agentcommander.desktop.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one token and asks its issuer for a fresh one once less than {@code margin} of its life is left. If a
 * refresh fails while the old token is still valid, the old one is used and the refresh retried next time.
 * Thread-safe.
 */
public final class RefreshingTokenSource implements TokenSource {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshingTokenSource.class);

    /** Issues a fresh token; {@code previous} is null the first time. */
    @FunctionalInterface
    public interface Issuer {
        AccessToken issue(AccessToken previous) throws ControlPlaneException;
    }

    private final Issuer issuer;
    private final Duration margin;
    private final Clock clock;
    private AccessToken token;

    public RefreshingTokenSource(Issuer issuer, AccessToken initial, Duration margin, Clock clock) {
        this.issuer = issuer;
        this.token = initial;
        this.margin = margin;
        this.clock = clock;
    }

    @Override
    public synchronized AccessToken current() throws ControlPlaneException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(token.expiresAt().minus(margin))) {
            return token;
        }
        try {
            token = issuer.issue(token);
            return token;
        } catch (ControlPlaneException e) {
            if (token != null && now.isBefore(token.expiresAt())) {
                LOG.warn("Token refresh failed, using the current token until {}: {}", token.expiresAt(), e.getMessage());
                return token;
            }
            throw e;
        }
    }
}
