package dev.agentcommander.desktop.client;

import dev.agentcommander.schema.WireCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Thin client: a remote control plane at {@code --connect URL}, with the user token from
 * {@code AGENT_COMMANDER_TOKEN} or, when that is not set, from signing in ({@link SignIn}: GitHub's device flow),
 * refreshed through {@code POST /v1/auth/refresh}; once a signed-in token cannot be refreshed any more the sign-in
 * screen comes back ({@link SignInAgainTokenSource}). Runs nothing locally. Confined to the startup thread.
 */
public final class RemoteBackend implements Backend {
    public static final String TOKEN_ENV = "AGENT_COMMANDER_TOKEN";
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private final URI httpUrl;
    private final String token;
    private final SignIn signIn;
    private final WireCodec codec;
    private final HttpClient http;
    /** The signed-in person's tokens, kept for "Try again" after a later step failed. */
    private TokenSource signedIn;

    /** {@code token} is the value of {@value #TOKEN_ENV}, or null when it is not set; then the start fails. */
    public RemoteBackend(URI httpUrl, String token, WireCodec codec, HttpClient http) {
        this(httpUrl, token, null, codec, http);
    }

    /** As above, but without a token the person signs in through {@code signIn} (null: the start fails). */
    public RemoteBackend(URI httpUrl, String token, SignIn signIn, WireCodec codec, HttpClient http) {
        this.httpUrl = httpUrl;
        this.token = token == null || token.isBlank() ? null : token;
        this.signIn = signIn;
        this.codec = codec;
        this.http = http;
    }

    @Override
    public String modeLabel() {
        return "Remote · " + httpUrl.getAuthority();
    }

    @Override
    public ControlPlaneEndpoint start(Consumer<String> progress) throws StartupException {
        progress.accept("Connecting to " + httpUrl + "…");
        URI uiWsUrl;
        try {
            uiWsUrl = ControlPlaneEndpoint.uiSocketOf(httpUrl);
        } catch (IllegalArgumentException e) {
            throw new StartupException("Cannot use " + httpUrl, e.getMessage(),
                    "Check --connect (http://host:port).", e);
        }
        AuthApi auth = new AuthApi(http, httpUrl, codec);
        TokenSource tokens = token != null ? fromEnvironment(auth) : signedIn(auth, progress);
        try {
            // Startup handles a refusal itself (below), without bringing the sign-in back over its failure.
            new ControlPlaneClient(http, httpUrl, tokens::current, codec).listHosts();
        } catch (ControlPlaneException e) {
            if (e.status() == 401 && token == null) {
                signedIn = null;
            }
            String hint = e.status() == 401 || e.status() == 403
                    ? (token != null ? "The token was refused: mint a fresh one and set " + TOKEN_ENV + " again."
                            : "Try again to sign in again.")
                    : "Check that the control plane runs at " + httpUrl + " and is reachable from here.";
            throw new StartupException("Cannot reach the control plane", e.getMessage(), hint, e);
        }
        return new ControlPlaneEndpoint(httpUrl, uiWsUrl, tokens);
    }

    private TokenSource fromEnvironment(AuthApi auth) throws StartupException {
        try {
            return refreshing(auth, AccessToken.fromJwt(token, codec));
        } catch (IllegalArgumentException e) {
            throw new StartupException("Cannot use " + TOKEN_ENV, e.getMessage(),
                    "Set " + TOKEN_ENV + " to a token minted by the control plane, or unset it to sign in "
                            + "with GitHub.", e);
        }
    }

    private TokenSource signedIn(AuthApi auth, Consumer<String> progress) throws StartupException {
        if (signIn == null) {
            throw new StartupException("No token for " + httpUrl,
                    "A thin client signs in with a user token taken from " + TOKEN_ENV + ", which is not set.",
                    "Mint one on the server (java -jar agent-commander-server.jar mint-token --role operator "
                            + "--email you@example.com), export " + TOKEN_ENV + "=<token> and start again.", null);
        }
        if (signedIn == null) {
            progress.accept("Signing in to " + httpUrl + "…");
            signedIn = new SignInAgainTokenSource(auth, signIn, signIn.signIn(auth), REFRESH_MARGIN,
                    Clock.systemUTC());
            progress.accept("Connecting to " + httpUrl + "…");
        }
        return signedIn;
    }

    private static TokenSource refreshing(AuthApi auth, AccessToken initial) {
        return new RefreshingTokenSource(auth::refresh, initial, REFRESH_MARGIN, Clock.systemUTC());
    }

    @Override
    public void onAgentLink(Consumer<AgentLinkState> listener) {
        listener.accept(AgentLinkState.NOT_LOCAL);
    }

    @Override
    public void close() {
        // Nothing runs locally.
    }
}
