package dev.agentcommander.desktop.client;

import dev.agentcommander.schema.WireCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Thin client: a remote control plane at {@code --connect URL}, with the user token from
 * {@code AGENT_COMMANDER_TOKEN}, refreshed through {@code POST /v1/auth/refresh}. Runs nothing locally.
 * Confined to the startup thread.
 */
public final class RemoteBackend implements Backend {
    public static final String TOKEN_ENV = "AGENT_COMMANDER_TOKEN";
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private final URI httpUrl;
    private final String token;
    private final WireCodec codec;
    private final HttpClient http;

    /** {@code token} is the value of {@value #TOKEN_ENV}, or null when it is not set. */
    public RemoteBackend(URI httpUrl, String token, WireCodec codec, HttpClient http) {
        this.httpUrl = httpUrl;
        this.token = token;
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
        if (token == null || token.isBlank()) {
            throw new StartupException("No token for " + httpUrl,
                    "A thin client signs in with a user token taken from " + TOKEN_ENV + ", which is not set.",
                    "Mint one on the server (java -jar agent-commander-server.jar mint-token --role operator "
                            + "--email you@example.com), export " + TOKEN_ENV + "=<token> and start again.", null);
        }
        AccessToken initial;
        URI uiWsUrl;
        try {
            initial = AccessToken.fromJwt(token, codec);
            uiWsUrl = ControlPlaneEndpoint.uiSocketOf(httpUrl);
        } catch (IllegalArgumentException e) {
            throw new StartupException("Cannot use " + httpUrl, e.getMessage(),
                    "Check --connect (http://host:port) and " + TOKEN_ENV + ".", e);
        }
        AuthApi auth = new AuthApi(http, httpUrl, codec);
        TokenSource tokens = new RefreshingTokenSource(auth::refresh, initial, REFRESH_MARGIN, Clock.systemUTC());
        try {
            new ControlPlaneClient(http, httpUrl, tokens, codec).listHosts();
        } catch (ControlPlaneException e) {
            String hint = e.status() == 401 || e.status() == 403
                    ? "The token was refused: mint a fresh one and set " + TOKEN_ENV + " again."
                    : "Check that the control plane runs at " + httpUrl + " and is reachable from here.";
            throw new StartupException("Cannot reach the control plane", e.getMessage(), hint, e);
        }
        return new ControlPlaneEndpoint(httpUrl, uiWsUrl, tokens);
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
