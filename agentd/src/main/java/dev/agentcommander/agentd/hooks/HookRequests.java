package dev.agentcommander.agentd.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both hook endpoints (HTTP and the Unix socket) do with a request once it is authenticated: check the event
 * name and the body (a JSON object of at most {@link #MAX_BODY_BYTES}), then hand it to the {@link HookReceiver}.
 * Thread-safe.
 */
final class HookRequests {
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(HookRequests.class);

    private final HookReceiver receiver;
    private final ObjectMapper json;

    HookRequests(HookReceiver receiver, ObjectMapper json) {
        this.receiver = receiver;
        this.json = json;
    }

    HookReply handle(String event, String paneId, byte[] bytes) {
        if (!HookReceiver.validEventName(event)) {
            return HookReply.error(404, "unknown hook event\n");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            return HookReply.error(413, "hook body over 16 MiB\n");
        }
        JsonNode body;
        try {
            body = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        } catch (JsonProcessingException e) {
            return HookReply.error(400, "hook body is not JSON\n");
        } catch (IOException e) {
            return HookReply.error(400, "hook body cannot be read\n");
        }
        if (body == null || !body.isObject()) {
            return HookReply.error(400, "hook body must be a JSON object\n");
        }
        try {
            return receiver.receive(event, paneId, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HookReply.NO_DECISION;
        } catch (RuntimeException e) {
            LOG.error("hook {} failed", event, e);
            return HookReply.error(500, "agentd failed on this hook\n");
        }
    }
}
