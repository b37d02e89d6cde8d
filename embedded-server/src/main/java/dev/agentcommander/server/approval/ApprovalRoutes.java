package dev.agentcommander.server.approval;

import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.server.auth.Access;
import dev.agentcommander.server.auth.AccessGuard;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code GET /v1/approvals} (viewer) and {@code POST /v1/approvals/{approval_id}/decision} (operator). Thread-safe. */
public final class ApprovalRoutes {
    private final Approvals approvals;
    private final WireCodec codec;

    public ApprovalRoutes(Approvals approvals, WireCodec codec) {
        this.approvals = approvals;
        this.codec = codec;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/approvals", ctx -> ctx.json(approvals.list(ApprovalQuery.parse(param(ctx, "status"),
                param(ctx, "host_id"), param(ctx, "session_id"), param(ctx, "after"), param(ctx, "limit")))),
                Access.VIEWER);
        routes.post("/v1/approvals/{approval_id}/decision", ctx -> {
            DecisionRequest request = codec.decodeBody(ctx.body(), DecisionRequest.class);
            ctx.json(approvals.decide(ctx.pathParam("approval_id"), request, AccessGuard.principal(ctx)));
        }, Access.OPERATOR);
    }

    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value;
    }
}
