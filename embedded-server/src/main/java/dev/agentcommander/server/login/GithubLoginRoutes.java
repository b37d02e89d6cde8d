package dev.agentcommander.server.login;

import dev.agentcommander.schema.WireCodec;
import io.javalin.config.RoutesConfig;

/** {@code POST /v1/auth/github {access_token}} → {@code {token, expires_at, role}}; public. Thread-safe. */
public final class GithubLoginRoutes {
    private final GithubLogin login;
    private final WireCodec codec;

    public GithubLoginRoutes(GithubLogin login, WireCodec codec) {
        this.login = login;
        this.codec = codec;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/auth/github", ctx -> {
            GithubLoginRequest request = codec.decodeBody(ctx.body(), GithubLoginRequest.class);
            ctx.json(login.login(request.accessToken()));
        });
    }
}
