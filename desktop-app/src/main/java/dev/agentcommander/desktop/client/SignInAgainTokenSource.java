package dev.agentcommander.desktop.client;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A signed-in thin client's tokens: refreshed before they expire, and when the control plane will not refresh them
 * any more (the token expired, or it refuses it with 401 — its secret changed, the person was removed), the
 * sign-in screen comes back and the caller waits until the person signed in again. A refusal of the token in use
 * (a REST call's 401, the UI socket's) starts that at once on a thread of its own, so the screen comes back once
 * however many calls failed, and the failed calls can be tried again afterwards. Thread-safe; callers that ask
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
    private volatile AccessToken refused;
    /** The token {@link #current} last answered; a refusal of an older one comes too late to matter. */
    private volatile AccessToken handedOut;
    private final AtomicBoolean recovering = new AtomicBoolean();
    private final List<Runnable> signedInAgain = new CopyOnWriteArrayList<>();

    public SignInAgainTokenSource(AuthApi auth, SignIn signIn, AccessToken initial, Duration margin, Clock clock) {
        this.auth = auth;
        this.signIn = signIn;
        this.margin = margin;
        this.clock = clock;
        this.tokens = refreshing(initial);
        this.handedOut = initial;
    }

    @Override
    public synchronized AccessToken current() throws ControlPlaneException {
        AccessToken token = validToken();
        handedOut = token;
        return token;
    }

    private AccessToken validToken() throws ControlPlaneException {
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

    /** Never waits: a sign-in under way holds the lock of {@link #current}. An older token's refusal is ignored. */
    @Override
    public void rejected(AccessToken token) {
        if (!token.equals(handedOut)) {
            return;
        }
        refused = token;
        if (recovering.compareAndSet(false, true)) {
            Thread recovery = new Thread(this::recover, "sign-in-again");
            recovery.setDaemon(true);
            recovery.start();
        }
    }

    private void recover() {
        try {
            current();
        } catch (ControlPlaneException e) {
            LOG.info("No new token after the control plane refused one: {}", e.getMessage());
        } finally {
            recovering.set(false);
        }
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
