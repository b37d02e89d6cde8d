package dev.agentcommander.server.app;

import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.server.api.ApiErrors;
import dev.agentcommander.server.api.JsonErrorHandler;
import dev.agentcommander.server.auth.AccessGuard;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Javalin app: our JSON codec, the access guard, error mapping, access log, answers to writes held until
 * they are durable, and the routes.
 */
final class WebApp {
    /** Requests are logged by path only: the UI socket carries its token in the query string. */
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.agentcommander.server.access");
    /**
     * The largest legitimate body is a decision whose {@code updated_input} rewrites a tool input, which reaches us in
     * an agent frame of up to 16 MiB: a REST body may be as large.
     */
    static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    private WebApp() {
    }

    static Javalin create(WireCodec codec, AccessGuard guard, List<Consumer<RoutesConfig>> features) {
        return Javalin.create(cfg -> {
            cfg.jsonMapper(new JavalinJackson(codec.mapper(), false));
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(codec.mapper())));
            // also bodies no route reads, and chunked ones (Javalin checks only a Content-Length it reads)
            cfg.jetty.modifyServletContextHandler(context -> context.insertHandler(
                    new SizeLimitHandler(MAX_REQUEST_BYTES, -1)));
            cfg.requestLogger.http((ctx, ms) -> ACCESS.info("{} {} {} {}ms", ctx.method(), ctx.path(),
                    ctx.statusCode(), Math.round(ms)));
            cfg.routes.beforeMatched(guard);
            // a chunked body has no length to check up front: reading it lets the size limit refuse it, whether or
            // not the route wants a body (Javalin keeps what was read for the route)
            cfg.routes.beforeMatched(ctx -> {
                if (ctx.contentLength() < 0 && ctx.header("Transfer-Encoding") != null) {
                    ctx.bodyAsBytes();
                }
            });
            ApiErrors.install(cfg.routes);
            features.forEach(feature -> feature.accept(cfg.routes));
        });
    }
}
