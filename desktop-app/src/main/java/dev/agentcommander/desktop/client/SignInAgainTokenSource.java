package dev.agentcommander.desktop.client;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A signed-in thin client's tokens: refreshed before they expire, and when the control plane will not refresh them
 * any more (the token expired, or it refuses it with 401 — its secret changed, the person was removed), the
 * sign-in screen comes back and the caller waits until the person signed in again. Thread-safe; callers that ask
 * while a sign-in is under way wait for its token.
 */
public final class SignInAgainTokenSource implements TokenSource {
    private static final Logger LOG = LoggerFactory.getLogger(SignInAgainTokenSource.class);

    private final AuthApi auth;
    private final SignIn signIn;
    private final Duration margin;
    private final Clock clock;
    private RefreshingTokenSource tokens;
    /** The token the control plane refused; not handed out again. */
    private AccessToken refused;
    private final List<Runnable> signedInAgain = new CopyOnWriteArrayList<>();

    public SignInAgainTokenSource(AuthApi auth, SignIn signIn, AccessToken initial, Duration margin, Clock clock) {
        this.auth = auth;
        this.signIn = signIn;
        this.margin = margin;
        this.clock = clock;
        this.tokens = refreshing(initial);
    }

    @Override
    public synchronized AccessToken current() throws ControlPlaneException {
        AccessToken token;
        try {
            token = tokens.current();
        } catch (ControlPlaneException e) {
            return signInAgainIfRefused(e);
        }
        if (!token.equals(refused)) {
            return token;
        }
        try {
            token = auth.refresh(token);
            tokens = refreshing(token);
            return token;
        } catch (ControlPlaneException e) {
            return signInAgainIfRefused(e);
        }
    }

    @Override
    public void onSignedInAgain(Runnable listener) {
        signedInAgain.add(listener);
    }

    @Override
    public synchronized void rejected(AccessToken token) {
        refused = token;
    }

    private AccessToken signInAgainIfRefused(ControlPlaneException error) throws ControlPlaneException {
        if (error.status() != 401) {
            throw error;
        }
        LOG.info("The control plane no longer accepts the token ({}); signing in again", error.getMessage());
        try {
            AccessToken fresh = signIn.signInAgain(auth, "The control plane no longer accepts your sign-in (it "
                    + "expired or was withdrawn). Sign in again to carry on; your tabs stay open.");
            tokens = refreshing(fresh);
            refused = null;
            signedInAgain.forEach(Runnable::run);
            return fresh;
        } catch (StartupException e) {
            throw new ControlPlaneException(401, "not_signed_in", e.detail(), e);
        }
    }

    private RefreshingTokenSource refreshing(AccessToken initial) {
        return new RefreshingTokenSource(auth::refresh, initial, margin, clock);
    }
}
