package dev.agentcommander.agentd.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint of Claude Code's {@code "type": "http"} hooks: {@code POST /hooks/<HookEventName>} with
 * {@code Authorization: Bearer <secret>} (checked in constant time, 401 otherwise) and {@code X-Tmux-Pane}.
 * Each request gets its own thread, since a permission request blocks until it is decided. Thread-safe.
 */
final class HookServer implements AutoCloseable {
    static final String PREFIX = "/hooks/";
    private static final Logger LOG = LoggerFactory.getLogger(HookServer.class);

    private final HttpServer server;
    private final ExecutorService threads;
    private final byte[] expectedAuth;
    private final HookRequests requests;

    private HookServer(HttpServer server, ExecutorService threads, String secret, HookRequests requests) {
        this.server = server;
        this.threads = threads;
        this.expectedAuth = ("Bearer " + secret).getBytes(StandardCharsets.UTF_8);
        this.requests = requests;
    }

    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    /** Binds {@code host:port} and starts serving; throws if the port is taken. */
    static HookServer start(String host, int port, String secret, HookReceiver receiver, ObjectMapper json)
            throws IOException {
        // The JDK server writes a response's headers and body separately: with Nagle's algorithm the body then waits
        // for the client's delayed ACK, ~40 ms on every decision (measured by HookBench). Read once, at first use.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 64);
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "agentd-hook-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HookServer hooks = new HookServer(server, threads, secret, new HookRequests(receiver, json));
        server.createContext(PREFIX, hooks::handle);
        server.setExecutor(threads);
        server.start();
        return hooks;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            HookReply reply = reply(exchange);
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            if (body.length > 0) {
                exchange.getResponseHeaders().set("Content-Type",
                        reply.status() == 200 ? "application/json" : "text/plain; charset=utf-8");
            }
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // Claude Code closed the request (its hook timeout, or the person answered and it moved on).
            LOG.debug("hook request {} ended early: {}", exchange.getRequestURI(), e.toString());
        }
    }

    private HookReply reply(HttpExchange exchange) throws IOException {
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return HookReply.error(401, "bad or missing hook secret (see <state_dir>/hooks.json)\n");
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            return HookReply.error(405, "POST only\n");
        }
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(HookRequests.MAX_BODY_BYTES + 1);
        }
        return requests.handle(exchange.getRequestURI().getPath().substring(PREFIX.length()),
                exchange.getRequestHeaders().getFirst("X-Tmux-Pane"), bytes);
    }

    private boolean authorized(String header) {
        return header != null && MessageDigest.isEqual(expectedAuth, header.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
