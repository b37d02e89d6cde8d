package dev.agentcommander.agentd.testing.realclients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model API that answers from a script, for driving the real {@code claude} and {@code codex} CLIs offline. It
 * speaks the Anthropic Messages API ({@code POST /v1/messages}, SSE when {@code stream}) and the OpenAI Responses API
 * ({@code POST /v1/responses}, SSE). Runs as its own process ({@link #main}) so it can live inside the network
 * namespace of the clients; listens on 127.0.0.1 only.
 *
 * <p>The script is a JSON file, read again on every request so a test can extend it while the client runs:
 * {@code {"anthropic": [step, …], "openai": [step, …]}}. Each request that offers tools takes the next step of its
 * API; side requests (without tools, or asking for a JSON-schema answer: titles, summaries) get a short text or a
 * schema-shaped JSON object and take no step; when the steps run out the answer is the text {@code Done.}. Steps: {@code {"text": "…"}}; {@code {"tool": "Bash", "input": {…}}} (Anthropic
 * tool use); {@code {"exec": "shell command"}} (a Codex {@code exec_command} call; add {@code "escalate": "why"} to
 * ask for it to run outside the sandbox, which Codex puts to the person); {@code {"status": 500,
 * "message": "…"}} (an HTTP error); any step may add {@code "delay_ms": N} to answer only after N ms (a model that
 * hangs). Every request is appended to the log file as one JSON line
 * {@code {"api", "path", "step", "body"}}.
 */
public final class ScriptedModelServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path script;
    private final Path log;
    private final AtomicInteger anthropicSteps = new AtomicInteger();
    private final AtomicInteger openaiSteps = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();

    private ScriptedModelServer(Path script, Path log) {
        this.script = script;
        this.log = log;
    }

    /** {@code ScriptedModelServer <script.json> <requests.log> <port-file>}: serves until killed. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ScriptedModelServer <script.json> <requests.log> <port-file>");
            System.exit(2);
        }
        ScriptedModelServer model = new ScriptedModelServer(Path.of(args[0]), Path.of(args[1]));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", model::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        Path portFile = Path.of(args[2]);
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(partial, Integer.toString(server.getAddress().getPort()));
        Files.move(partial, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 200, "application/json", "{}");
                return;
            }
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            if (path.endsWith("/messages")) {
                anthropic(exchange, path, body);
            } else if (path.endsWith("/responses")) {
                openai(exchange, path, body);
            } else {
                logRequest("other", path, null, body);
                reply(exchange, 200, "application/json", "{}");
            }
        }
    }

    private JsonNode nextStep(String api, AtomicInteger counter, String path, JsonNode body) throws IOException {
        boolean offersTools = body.path("tools").isArray() && !body.path("tools").isEmpty();
        JsonNode schema = body.path("text").path("format").path("schema");
        JsonNode step;
        if (schema.isObject()) {
            // a side request for a structured answer (Codex's task title, which offers tools too): no step taken
            step = JSON.createObjectNode().put("text", answerTo(schema).toString());
        } else if (!offersTools) {
            step = JSON.createObjectNode().put("text", "OK");
        } else {
            JsonNode steps = Files.exists(script) ? JSON.readTree(script.toFile()).path(api) : JSON.missingNode();
            int index = counter.getAndIncrement();
            step = steps.isArray() && index < steps.size() ? steps.get(index)
                    : JSON.createObjectNode().put("text", "Done.");
        }
        logRequest(api, path, step, body);
        if (step.has("delay_ms")) {
            try {
                Thread.sleep(step.get("delay_ms").asLong());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return step;
    }

    /** An object with "Scripted" in every string property of a JSON schema (e.g. {@code {"title": "Scripted"}}). */
    private static ObjectNode answerTo(JsonNode schema) {
        ObjectNode answer = JSON.createObjectNode();
        schema.path("properties").fields().forEachRemaining(property -> {
            if ("string".equals(property.getValue().path("type").asText())) {
                answer.put(property.getKey(), "Scripted");
            }
        });
        return answer;
    }

    private void anthropic(HttpExchange exchange, String path, JsonNode body) throws IOException {
        if (path.endsWith("/count_tokens")) {
            reply(exchange, 200, "application/json", "{\"input_tokens\":10}");
            return;
        }
        JsonNode step = nextStep("anthropic", anthropicSteps, path, body);
        if (step.has("status")) {
            reply(exchange, step.get("status").asInt(), "application/json", JSON.createObjectNode().put("type", "error")
                    .set("error", JSON.createObjectNode().put("type", "api_error")
                            .put("message", step.path("message").asText("scripted failure"))).toString());
            return;
        }
        String model = body.path("model").asText("claude-sonnet-4-5");
        String id = "msg_" + ids.incrementAndGet();
        ObjectNode block;
        String stopReason;
        if (step.has("tool")) {
            block = JSON.createObjectNode().put("type", "tool_use").put("id", "toolu_" + ids.incrementAndGet())
                    .put("name", step.get("tool").asText());
            block.set("input", step.path("input"));
            stopReason = "tool_use";
        } else {
            block = JSON.createObjectNode().put("type", "text").put("text", step.path("text").asText());
            stopReason = "end_turn";
        }
        if (!body.path("stream").asBoolean(false)) {
            ObjectNode message = message(id, model, stopReason);
            message.putArray("content").add(block);
            reply(exchange, 200, "application/json", message.toString());
            return;
        }
        StringBuilder sse = new StringBuilder();
        ObjectNode start = message(id, model, null);
        start.putArray("content");
        event(sse, "message_start", JSON.createObjectNode().put("type", "message_start").set("message", start));
        ObjectNode emptyBlock = block.deepCopy();
        if (emptyBlock.has("input")) {
            emptyBlock.set("input", JSON.createObjectNode());
        } else {
            emptyBlock.put("text", "");
        }
        event(sse, "content_block_start", JSON.createObjectNode().put("type", "content_block_start").put("index", 0)
                .set("content_block", emptyBlock));
        ObjectNode delta = block.has("input")
                ? JSON.createObjectNode().put("type", "input_json_delta").put("partial_json", block.get("input").toString())
                : JSON.createObjectNode().put("type", "text_delta").put("text", block.get("text").asText());
        event(sse, "content_block_delta", JSON.createObjectNode().put("type", "content_block_delta").put("index", 0)
                .set("delta", delta));
        event(sse, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
        ObjectNode messageDelta = JSON.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", 5);
        event(sse, "message_delta", messageDelta);
        event(sse, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
        reply(exchange, 200, "text/event-stream", sse.toString());
    }

    private static ObjectNode message(String id, String model, String stopReason) {
        ObjectNode message = JSON.createObjectNode().put("id", id).put("type", "message").put("role", "assistant")
                .put("model", model);
        message.put("stop_reason", stopReason).putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 10).put("output_tokens", 1);
        return message;
    }

    private static ObjectNode execArguments(JsonNode step) {
        ObjectNode arguments = JSON.createObjectNode().put("cmd", step.get("exec").asText());
        if (step.has("escalate")) {
            arguments.put("sandbox_permissions", "require_escalated").put("justification", step.get("escalate").asText());
        }
        return arguments;
    }

    private void openai(HttpExchange exchange, String path, JsonNode body) throws IOException {
        JsonNode step = nextStep("openai", openaiSteps, path, body);
        if (step.has("status")) {
            reply(exchange, step.get("status").asInt(), "application/json", JSON.createObjectNode()
                    .set("error", JSON.createObjectNode().put("type", "server_error")
                            .put("message", step.path("message").asText("scripted failure"))).toString());
            return;
        }
        String responseId = "resp_" + ids.incrementAndGet();
        ObjectNode item;
        if (step.has("exec")) {
            item = JSON.createObjectNode().put("type", "function_call").put("id", "fc_" + ids.incrementAndGet())
                    .put("call_id", "call_" + ids.incrementAndGet()).put("name", "exec_command")
                    .put("arguments", execArguments(step).toString())
                    .put("status", "completed");
        } else {
            item = JSON.createObjectNode().put("type", "message").put("id", "msg_" + ids.incrementAndGet())
                    .put("role", "assistant").put("status", "completed");
            item.putArray("content").addObject().put("type", "output_text").put("text", step.path("text").asText())
                    .putArray("annotations");
        }
        StringBuilder sse = new StringBuilder();
        ObjectNode created = response(responseId, "in_progress");
        created.putArray("output");
        event(sse, "response.created", JSON.createObjectNode().put("type", "response.created").set("response", created));
        event(sse, "response.output_item.added", JSON.createObjectNode().put("type", "response.output_item.added")
                .put("output_index", 0).set("item", item));
        if (!step.has("exec")) {
            event(sse, "response.output_text.delta", JSON.createObjectNode().put("type", "response.output_text.delta")
                    .put("item_id", item.get("id").asText()).put("output_index", 0).put("content_index", 0)
                    .put("delta", step.path("text").asText()));
        }
        event(sse, "response.output_item.done", JSON.createObjectNode().put("type", "response.output_item.done")
                .put("output_index", 0).set("item", item));
        ObjectNode completed = response(responseId, "completed");
        ArrayNode output = completed.putArray("output");
        output.add(item);
        ObjectNode usage = completed.putObject("usage").put("input_tokens", 10).put("output_tokens", 5)
                .put("total_tokens", 15);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        event(sse, "response.completed", JSON.createObjectNode().put("type", "response.completed")
                .set("response", completed));
        reply(exchange, 200, "text/event-stream", sse.toString());
    }

    private static ObjectNode response(String id, String status) {
        return JSON.createObjectNode().put("id", id).put("object", "response").put("status", status)
                .put("model", "gpt-5.5");
    }

    private static void event(StringBuilder sse, String name, JsonNode data) {
        sse.append("event: ").append(name).append('\n').append("data: ").append(data).append("\n\n");
    }

    private synchronized void logRequest(String api, String path, JsonNode step, JsonNode body) throws IOException {
        ObjectNode line = JSON.createObjectNode().put("api", api).put("path", path);
        line.set("step", step);
        line.set("body", body);
        Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
