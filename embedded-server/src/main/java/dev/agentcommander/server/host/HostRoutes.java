package dev.agentcommander.server.host;

import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.server.api.Page;
import dev.agentcommander.server.auth.Access;
import dev.agentcommander.server.auth.HostTokens;
import io.javalin.config.RoutesConfig;
import java.util.function.Consumer;

/** {@code /v1/hosts}: list and create hosts, mint and revoke their tokens. Stateless, thread-safe. */
public final class HostRoutes {
    private final Hosts hosts;
    private final HostTokens tokens;
    private final WireCodec codec;
    private final Consumer<String> onTokenRevoked;

    /** @param onTokenRevoked told the id of each revoked token, to close the agent sockets it opened */
    public HostRoutes(Hosts hosts, HostTokens tokens, WireCodec codec, Consumer<String> onTokenRevoked) {
        this.hosts = hosts;
        this.tokens = tokens;
        this.codec = codec;
        this.onTokenRevoked = onTokenRevoked;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/hosts", ctx -> ctx.json(Page.of(hosts.list())), Access.VIEWER);
        routes.post("/v1/hosts", ctx -> {
            CreateHostRequest request = codec.decodeBody(ctx.body(), CreateHostRequest.class);
            ctx.status(201).json(hosts.create(request.name()));
        }, Access.ADMIN);
        routes.post("/v1/hosts/{host_id}/tokens", ctx -> {
            String hostId = hosts.require(ctx.pathParam("host_id")).hostId();
            ctx.status(201).json(tokens.mint(hostId));
        }, Access.ADMIN);
        routes.delete("/v1/hosts/{host_id}/tokens/{token_id}", ctx -> {
            String tokenId = ctx.pathParam("token_id");
            tokens.revoke(ctx.pathParam("host_id"), tokenId);
            onTokenRevoked.accept(tokenId);
            ctx.status(204);
        }, Access.ADMIN);
    }
}
