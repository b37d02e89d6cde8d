package dev.agentcommander.desktop.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.SessionRow;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The control plane's REST API as the desktop uses it; blocking calls, never on the UI thread. Thread-safe. */
public final class ControlPlaneClient {
    private final JsonHttp http;
    private final TokenSource tokens;

    public ControlPlaneClient(HttpClient httpClient, URI baseUrl, TokenSource tokens, WireCodec codec) {
        this.http = new JsonHttp(httpClient, baseUrl, codec);
        this.tokens = tokens;
    }

    public List<HostRow> listHosts() throws ControlPlaneException {
        return listAll("/v1/hosts", HostRow.class);
    }

    public HostRow createHost(String name) throws ControlPlaneException {
        return http.read(http.post("/v1/hosts", Map.of("name", name), bearer()), HostRow.class, "");
    }

    public HostToken mintHostToken(String hostId) throws ControlPlaneException {
        JsonNode answer = http.post("/v1/hosts/" + encode(hostId) + "/tokens", Map.of(), bearer());
        return http.read(answer, HostToken.class, "");
    }

    public List<SessionRow> listSessions() throws ControlPlaneException {
        return listAll("/v1/sessions", SessionRow.class);
    }

    /** Follows {@code next} cursors until the list ends. */
    private <T> List<T> listAll(String path, Class<T> type) throws ControlPlaneException {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.get(cursor == null ? path : path + "?after=" + encode(cursor), bearer());
            JsonNode items = page.get("items");
            if (items == null || !items.isArray()) {
                throw new ControlPlaneException(200, "bad_response", "GET " + path + " answered no items list");
            }
            for (int i = 0; i < items.size(); i++) {
                all.add(http.read(items.get(i), type, "items[" + i + "]"));
            }
            JsonNode next = page.get("next");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return all;
    }

    private String bearer() throws ControlPlaneException {
        return tokens.current().value();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
