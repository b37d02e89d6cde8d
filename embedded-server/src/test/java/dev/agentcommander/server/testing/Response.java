package dev.agentcommander.server.testing;

import com.fasterxml.jackson.databind.JsonNode;

/** An HTTP answer with its JSON body (null when empty). */
public record Response(int status, JsonNode body, String text) {
    public String errorCode() {
        return body == null ? null : body.path("error").path("code").asText(null);
    }
}
