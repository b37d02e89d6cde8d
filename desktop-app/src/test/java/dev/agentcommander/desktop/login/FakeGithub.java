package dev.agentcommander.desktop.login;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A local GitHub for the device flow, on 127.0.0.1:0: {@code POST /login/device/code} hands out codes
 * ({@code WDJB-000n}), {@code POST /login/oauth/access_token} answers polls as GitHub does (200 with
 * {@code error=authorization_pending} until the code is approved, or the scripted answers first), and
 * {@code GET /user/emails} answers per access token. Thread-safe.
 */
final class FakeGithub implements AutoCloseable {
    static final String CLIENT_ID = "Iv1.fake-client";

    /** One request as the fake saw it. */
    record Seen(String path, String accept, Map<String, String> form) {
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, String> approved = new ConcurrentHashMap<>();
    private final Map<String, String> emails = new ConcurrentHashMap<>();
    private final Deque<String> script = new ArrayDeque<>();
    private final int intervalSeconds;
    private int issued;

    private FakeGithub(int intervalSeconds) throws IOException {
        this.intervalSeconds = intervalSeconds;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/login/device/code", this::deviceCode);
        server.createContext("/login/oauth/access_token", this::accessToken);
        server.createContext("/user/emails", this::emails);
        server.start();
    }

    static FakeGithub start(int intervalSeconds) {
        try {
            return new FakeGithub(intervalSeconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI deviceAuthorizationUrl() {
        return URI.create(url() + "/login/device/code");
    }

    URI tokenUrl() {
        return URI.create(url() + "/login/oauth/access_token");
    }

    /** The next polls answer these, in order: an error code like {@code slow_down}, or {@code token:<value>}. */
    synchronized void script(String... answers) {
        script.addAll(Arrays.asList(answers));
    }

    /** The person approved {@code userCode}: its next poll answers {@code accessToken}. */
    void approve(String userCode, String accessToken) {
        approved.put(userCode, accessToken);
    }

    /** What {@code GET /user/emails} answers for {@code accessToken}. */
    void emails(String accessToken, String json) {
        emails.put(accessToken, json);
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    List<Seen> polls() {
        return seen.stream().filter(s -> s.path().endsWith("/access_token")).toList();
    }

    private void deviceCode(HttpExchange exchange) throws IOException {
        record(exchange);
        int number;
        synchronized (this) {
            number = ++issued;
        }
        String userCode = String.format("WDJB-%04d", number);
        answer(exchange, 200, "{\"device_code\":\"dc-" + userCode + "\",\"user_code\":\"" + userCode + "\","
                + "\"verification_uri\":\"" + url() + "/login/device\",\"expires_in\":899,\"interval\":"
                + intervalSeconds + "}");
    }

    private void accessToken(HttpExchange exchange) throws IOException {
        Seen request = record(exchange);
        String userCode = request.form().getOrDefault("device_code", "").replaceFirst("^dc-", "");
        String next;
        synchronized (this) {
            next = script.poll();
        }
        if (next == null) {
            String token = approved.get(userCode);
            next = token == null ? "authorization_pending" : "token:" + token;
        }
        if (next.startsWith("token:")) {
            answer(exchange, 200, "{\"access_token\":\"" + next.substring("token:".length())
                    + "\",\"token_type\":\"bearer\",\"scope\":\"user:email\"}");
        } else if (next.equals("slow_down")) {
            answer(exchange, 200, "{\"error\":\"slow_down\",\"error_description\":\"Too many requests\","
                    + "\"interval\":" + (intervalSeconds + 5) + "}");
        } else {
            answer(exchange, 200, "{\"error\":\"" + next + "\",\"error_description\":\"as scripted\"}");
        }
    }

    private void emails(HttpExchange exchange) throws IOException {
        record(exchange);
        String token = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))
                .replaceFirst("^Bearer ", "");
        String json = emails.get(token);
        answer(exchange, json == null ? 401 : 200, json == null ? "{\"message\":\"Bad credentials\"}" : json);
    }

    private Seen record(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = body.isBlank() ? Map.of() : Arrays.stream(body.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> decode(pair[0]), pair -> pair.length > 1 ? decode(pair[1]) : "",
                        (first, second) -> second));
        Seen request = new Seen(exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Accept"), form);
        seen.add(request);
        return request;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
