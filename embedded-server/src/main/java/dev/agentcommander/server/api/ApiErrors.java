package dev.agentcommander.server.api;

import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.server.db.SqlStates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP error answers. A 500 is logged; bad input never causes one. A database
 * that cannot be reached is 503 {@code unavailable}, without a stack trace (StoreWatch logs the outage once).
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    public static void install(RoutesConfig routes) {
        routes.exception(ApiException.class, (error, ctx) -> answer(ctx, error.status(), error.code(),
                error.getMessage(), error.field()));
        routes.exception(WireFormatException.class, (error, ctx) -> answer(ctx, 400, "bad_request",
                error.field() + ": " + error.reason(), error.field()));
        routes.exception(HttpResponseException.class, (error, ctx) -> answer(ctx, error.getStatus(),
                codeFor(error.getStatus()), error.getMessage(), null));
        // Jetty's refusals while the body is read, e.g. a chunked body over the size limit (413)
        routes.exception(HttpException.RuntimeException.class, (error, ctx) -> answer(ctx, error.getCode(),
                codeFor(error.getCode()), error.getReason(), null));
        routes.exception(Exception.class, (error, ctx) -> {
            if (SqlStates.isUnavailable(error)) {
                LOG.debug("{} {}: the database is unavailable: {}", ctx.method(), ctx.path(), error.toString());
                answer(ctx, 503, "unavailable", "the database cannot be reached now; try again shortly", null);
                return;
            }
            LOG.error("{} {} failed", ctx.method(), ctx.path(), error);
            answer(ctx, 500, "internal", "internal server error", null);
        });
    }

    private static void answer(Context ctx, int status, String code, String message, String field) {
        ctx.status(status).json(ErrorBody.of(code, message, field));
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            default -> status >= 500 ? "internal" : "http_" + status;
        };
    }
}
