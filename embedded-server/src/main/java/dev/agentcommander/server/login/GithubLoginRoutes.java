package dev.agentcommander.server.login;

import dev.agentcommander.schema.WireCodec;
import io.javalin.config.RoutesConfig;

/**
 * GitHub sign-in, both public: {@code GET /v1/auth/github} → {@code {client_id, device_authorization_url,
 * token_url}} for the desktop's device flow, and {@code POST /v1/auth/github {access_token}} →
 * {@code {token, expires_at, role}}. Thread-safe.
 */
public final class GithubLoginRoutes {
    private final GithubLoginConfig config;
    private final GithubLogin login;
    private final WireCodec codec;

    public GithubLoginRoutes(GithubLoginConfig config, GithubLogin login, WireCodec codec) {
        this.config = config;
        this.login = login;
        this.codec = codec;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/auth/github", ctx -> ctx.json(deviceFlow()));
        routes.post("/v1/auth/github", ctx -> {
            GithubLoginRequest request = codec.decodeBody(ctx.body(), GithubLoginRequest.class);
            ctx.json(login.login(request.accessToken()));
        });
    }

    private GithubDeviceFlow deviceFlow() {
        if (config.clientId() == null) {
            throw new GithubLoginDisabledException("GitHub sign-in is not set up on this control plane: its admin "
                    + "sets GITHUB_CLIENT_ID (the client id of a GitHub OAuth app with device flow enabled)");
        }
        if (!config.enabled()) {
            throw new GithubLoginDisabledException("GitHub sign-in is not set up on this control plane: its admin "
                    + "sets ALLOWED_EMAILS or ADMIN_EMAILS to say who may sign in");
        }
        return new GithubDeviceFlow(config.clientId(), config.deviceAuthorizationUrl().toString(),
                config.tokenUrl().toString());
    }
}
