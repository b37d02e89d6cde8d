package dev.agentcommander.server.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/** JSON stored in TEXT columns (one migration set serves H2 and PostgreSQL, so no JSON column type). */
public final class JsonColumns {
    private JsonColumns() {
    }

    /** The stored text as JSON; text that is not JSON (never written by us) comes back as a JSON string. */
    public static JsonNode read(ObjectMapper mapper, String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    public static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName() + " for storage", e);
        }
    }
}
