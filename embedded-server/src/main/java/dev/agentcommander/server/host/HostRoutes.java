package dev.agentcommander.server.host;

import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.server.api.Cursor;
import dev.agentcommander.server.api.Page;
import dev.agentcommander.server.auth.Access;
import dev.agentcommander.server.auth.HostTokens;
import io.javalin.config.RoutesConfig;
import java.util.function.Consumer;

/** {@code /v1/hosts}: list and create hosts, list, mint and revoke their tokens. Stateless, thread-safe. */
public final class HostRoutes {
    /** Paging is opt-in: without {@code limit} or {@code after} every host comes in one page. */
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

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
        routes.get("/v1/hosts", ctx -> {
            String after = ctx.queryParam("after");
            String limit = ctx.queryParam("limit");
            if ((after == null || after.isBlank()) && (limit == null || limit.isBlank())) {
                ctx.json(Page.of(hosts.list()));
                return;
            }
            String afterName = after == null || after.isBlank() ? null : Cursor.decode(after, "after").id();
            ctx.json(hosts.page(afterName, Cursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT)));
        }, Access.VIEWER);
        routes.post("/v1/hosts", ctx -> {
            CreateHostRequest request = codec.decodeBody(ctx.body(), CreateHostRequest.class);
            ctx.status(201).json(hosts.create(request.name()));
        }, Access.ADMIN);
        routes.get("/v1/hosts/{host_id}/tokens", ctx -> {
            String hostId = hosts.require(ctx.pathParam("host_id")).hostId();
            ctx.json(Page.of(tokens.list(hostId)));
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
