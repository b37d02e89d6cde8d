package dev.agentcommander.desktop.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.SessionsSnapshot;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.CommandRow;
import dev.agentcommander.schema.model.EventRow;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.SessionRow;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The control plane's REST API as the desktop uses it; blocking calls, never on the UI thread. Thread-safe. */
public final class ControlPlaneClient {
    private final JsonHttp http;
    private final TokenSource tokens;

    public ControlPlaneClient(HttpClient httpClient, URI baseUrl, TokenSource tokens, WireCodec codec) {
        this.http = new JsonHttp(httpClient, baseUrl, codec);
        this.tokens = tokens;
    }

    public WireCodec codec() {
        return http.codec();
    }

    /** The control plane's HTTP URL, e.g. {@code http://127.0.0.1:8080}. */
    public URI baseUrl() {
        return http.baseUrl();
    }

    public List<HostRow> listHosts() throws ControlPlaneException {
        return listAll("/v1/hosts", HostRow.class);
    }

    public HostRow createHost(String name) throws ControlPlaneException {
        return http.read(authorized(bearer -> http.post("/v1/hosts", Map.of("name", name), bearer)), HostRow.class, "");
    }

    public HostToken mintHostToken(String hostId) throws ControlPlaneException {
        JsonNode answer = authorized(bearer -> http.post("/v1/hosts/" + encode(hostId) + "/tokens", Map.of(), bearer));
        return http.read(answer, HostToken.class, "");
    }

    /** Every token of the host, revoked ones too (admins only). */
    public List<HostTokenInfo> listHostTokens(String hostId) throws ControlPlaneException {
        return listAll("/v1/hosts/" + encode(hostId) + "/tokens", HostTokenInfo.class);
    }

    /** Revokes a host token; the control plane closes the agent sockets it opened. */
    public void revokeHostToken(String hostId, String tokenId) throws ControlPlaneException {
        authorized(bearer -> {
            http.delete("/v1/hosts/" + encode(hostId) + "/tokens/" + encode(tokenId), bearer);
            return null;
        });
    }

    public List<SessionRow> listSessions() throws ControlPlaneException {
        return listAll("/v1/sessions", SessionRow.class);
    }

    /** Who the token says the caller is. */
    public Identity me() throws ControlPlaneException {
        return http.read(authorized(bearer -> http.get("/v1/me", bearer)), Identity.class, "");
    }

    /** Posts a session command ({@code {type, ...}}); answers its command id. */
    public String sessionCommand(String sessionId, Map<String, ?> body) throws ControlPlaneException {
        return commandIdOf(authorized(bearer ->
                http.post("/v1/sessions/" + encode(sessionId) + "/commands", body, bearer)));
    }

    /** Posts a host command ({@code spawn_session}, {@code spawn_job}, {@code adopt_pane}); answers its command id. */
    public String hostCommand(String hostId, Map<String, ?> body) throws ControlPlaneException {
        return commandIdOf(authorized(bearer ->
                http.post("/v1/hosts/" + encode(hostId) + "/commands", body, bearer)));
    }

    public CommandRow command(String commandId) throws ControlPlaneException {
        return http.read(authorized(bearer -> http.get("/v1/commands/" + encode(commandId), bearer)), CommandRow.class, "");
    }

    /** Every approval that was decided or closed, oldest first (GET /v1/approvals?status=decided). */
    public List<ApprovalRow> decidedApprovals() throws ControlPlaneException {
        return listAll("/v1/approvals?status=decided&limit=500", ApprovalRow.class);
    }

    /**
     * Decides a pending approval: {@code allow} (with {@code updatedInput} when the person edited it) or
     * {@code deny} (with {@code reason}, which Claude Code shows the agent). Answers the decided row; 409 when it
     * was decided or closed already.
     */
    public ApprovalRow decide(String approvalId, String decision, JsonNode updatedInput, String reason)
            throws ControlPlaneException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (updatedInput != null) {
            body.put("updated_input", updatedInput);
        }
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason);
        }
        JsonNode answer = authorized(bearer -> http.post("/v1/approvals/" + encode(approvalId) + "/decision", body,
                bearer));
        return http.read(answer, ApprovalRow.class, "");
    }

    /** One page of a session's events, oldest first, after {@code afterEventId} (0 = from the start). */
    public EventPage events(String sessionId, long afterEventId, int limit) throws ControlPlaneException {
        JsonNode page = authorized(bearer -> http.get("/v1/sessions/" + encode(sessionId) + "/events?after="
                + afterEventId + "&limit=" + limit, bearer));
        List<EventRow> events = new ArrayList<>();
        JsonNode items = itemsOf(page, "events");
        for (int i = 0; i < items.size(); i++) {
            events.add(http.read(items.get(i), EventRow.class, "items[" + i + "]"));
        }
        JsonNode next = page.get("next");
        return new EventPage(events, next == null || next.isNull() ? null : next.asText());
    }

    /** The session's last captured screen ({@code GET /v1/sessions/{id}/snapshot}); empty when none was kept. */
    public Optional<SessionsSnapshot> snapshot(String sessionId) throws ControlPlaneException {
        try {
            JsonNode answer = authorized(bearer -> http.get("/v1/sessions/" + encode(sessionId) + "/snapshot",
                    bearer));
            return Optional.of(http.read(answer, SessionsSnapshot.class, ""));
        } catch (ControlPlaneException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String commandIdOf(JsonNode answer) throws ControlPlaneException {
        JsonNode id = answer.get("command_id");
        if (id == null || !id.isTextual()) {
            throw new ControlPlaneException(202, "bad_response", "the command was accepted without a command_id");
        }
        return id.asText();
    }

    private static JsonNode itemsOf(JsonNode page, String what) throws ControlPlaneException {
        JsonNode items = page.get("items");
        if (items == null || !items.isArray()) {
            throw new ControlPlaneException(200, "bad_response", "the " + what + " answer has no items list");
        }
        return items;
    }

    /** Follows {@code next} cursors until the list ends. */
    private <T> List<T> listAll(String path, Class<T> type) throws ControlPlaneException {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            String separator = path.contains("?") ? "&" : "?";
            String page = cursor == null ? path : path + separator + "after=" + encode(cursor);
            JsonNode answer = authorized(bearer -> http.get(page, bearer));
            JsonNode items = itemsOf(answer, path);
            for (int i = 0; i < items.size(); i++) {
                all.add(http.read(items.get(i), type, "items[" + i + "]"));
            }
            JsonNode next = answer.get("next");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return all;
    }

    /** One request with the current token; a 401 tells the token source, which gets another (once for many calls). */
    private <T> T authorized(Request<T> request) throws ControlPlaneException {
        AccessToken token = tokens.current();
        try {
            return request.send(token.value());
        } catch (ControlPlaneException e) {
            if (e.status() == 401) {
                tokens.rejected(token);
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface Request<T> {
        T send(String bearer) throws ControlPlaneException;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
