package dev.agentcommander.agentd.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps JSON stored as events (hook bodies, codex lines) small enough: above a budget, every top-level field bigger than
 * {@link #FIELD_LIMIT} characters (a file's content, a long tool output) is replaced by a note with its size.
 * Stateless.
 */
public final class EventPayloads {
    public static final int EVENT_BUDGET = 256 * 1024;
    static final int FIELD_LIMIT = 16 * 1024;

    private EventPayloads() {
    }

    public static JsonNode trimmed(ObjectMapper json, JsonNode payload, int budget) {
        if (!(payload instanceof ObjectNode object) || size(json, payload) <= budget) {
            return payload;
        }
        ObjectNode copy = object.deepCopy();
        List<String> names = new ArrayList<>();
        copy.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            int size = size(json, copy.get(name));
            if (size > FIELD_LIMIT) {
                copy.set(name, TextNode.valueOf("[trimmed by agentd: " + size + " characters of JSON]"));
            }
        }
        return copy;
    }

    private static int size(ObjectMapper json, JsonNode node) {
        try {
            return json.writeValueAsString(node).length();
        } catch (JsonProcessingException e) {
            return Integer.MAX_VALUE;
        }
    }
}
