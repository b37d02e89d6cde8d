package dev.agentcommander.desktop.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.agentcommander.desktop.timeline.TimelineEntry.Kind;
import dev.agentcommander.schema.model.EventRow;

/**
 * Renders stored session events readably: hooks by what they mean (the tool and its input, the prompt, the
 * agent's last message), status changes with their reason, commands with who issued them, approvals with who
 * decided, Codex events as commands run with their output and agent messages. Unknown types show their JSON.
 * Stateless.
 */
public final class EventText {
    private static final java.util.regex.Pattern SHELL_WRAPPED =
            java.util.regex.Pattern.compile("(?s)(?:/usr)?(?:/bin/)?(?:ba|z)?sh -lc '(.*)'");

    static final int DETAIL_LIMIT = 4000;

    private EventText() {
    }

    public static TimelineEntry of(EventRow event) {
        JsonNode payload = event.payload() == null ? NullNode.getInstance() : event.payload();
        String type = event.eventType();
        Line line;
        if (type.startsWith("hook.")) {
            line = hook(type.substring("hook.".length()), payload);
        } else {
            line = switch (type) {
                case "session.status" -> status(payload);
                case "command.issued" -> issued(payload);
                case "command.completed" -> completed(payload);
                case "approval.requested" -> new Line(Kind.APPROVAL,
                        "Approval requested: " + text(payload, "tool_name"), toolInput(payload.path("tool_input")));
                case "approval.decided" -> decided(payload);
                case "approval.closed" -> new Line(Kind.APPROVAL,
                        "Approval closed: " + text(payload, "reason").replace('_', ' '), null);
                case "codex.event" -> codex(payload);
                case "codex.output" -> new Line(Kind.CODEX, "Codex " + text(payload, "stream"), text(payload, "line"));
                case "console.attached" -> new Line(Kind.INPUT,
                        text(payload, "by") + " attached for input", null);
                default -> new Line(Kind.OTHER, type, payload.isNull() ? null : payload.toPrettyString());
            };
        }
        return new TimelineEntry(event.eventId(), event.ts(), line.kind, line.title, clip(line.detail));
    }

    private record Line(Kind kind, String title, String detail) { }

    private static Line hook(String name, JsonNode payload) {
        return switch (name) {
            case "PreToolUse" -> new Line(Kind.HOOK, "Uses " + text(payload, "tool_name"),
                    toolInput(payload.path("tool_input")));
            case "PostToolUse" -> new Line(Kind.HOOK, "Used " + text(payload, "tool_name"), null);
            case "PermissionRequest" -> new Line(Kind.APPROVAL, "Asks to use " + text(payload, "tool_name"),
                    toolInput(payload.path("tool_input")));
            case "UserPromptSubmit" -> new Line(Kind.HOOK, "Prompt", text(payload, "prompt"));
            case "Stop" -> new Line(Kind.HOOK, "Turn finished", text(payload, "last_assistant_message"));
            case "Notification" -> new Line(Kind.HOOK, "Notification", text(payload, "message"));
            case "SessionStart" -> new Line(Kind.HOOK, "Claude session started", null);
            case "SessionEnd" -> new Line(Kind.HOOK, "Claude session ended", text(payload, "reason"));
            default -> new Line(Kind.HOOK, "Hook " + name, null);
        };
    }

    private static Line status(JsonNode payload) {
        String from = text(payload, "from");
        String to = text(payload, "to");
        String title = from.isEmpty() ? "Status " + to : "Status " + from + " → " + to;
        return new Line(Kind.STATUS, title.replace('_', ' '), emptyToNull(text(payload, "reason")));
    }

    private static Line issued(JsonNode payload) {
        String by = text(payload, "issued_by");
        String type = text(payload, "type").replace('_', ' ');
        String detail = payload.hasNonNull("text") ? text(payload, "text")
                : payload.hasNonNull("name") ? text(payload, "name")
                : payload.has("keys") ? payload.get("keys").toString() : null;
        return new Line(Kind.COMMAND, capitalize(type) + (by.isEmpty() ? "" : " by " + by), detail);
    }

    private static Line completed(JsonNode payload) {
        boolean ok = payload.path("ok").asBoolean(false);
        String detail = ok ? result(payload.get("result")) : text(payload, "error");
        return new Line(ok ? Kind.COMMAND : Kind.ERROR, ok ? "Command done" : "Command failed", detail);
    }

    /** A command's result as "field value" parts ("worktree /w/api/fix · branch fix · base main"), ids left out. */
    static String result(JsonNode result) {
        if (result == null || !result.isObject()) {
            return result == null || result.isNull() ? null : result.toString();
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        result.fields().forEachRemaining(field -> {
            if (!field.getKey().endsWith("_id") && !field.getValue().isNull()) {
                JsonNode value = field.getValue();
                parts.add(field.getKey().replace('_', ' ') + " " + (value.isTextual() ? value.asText() : value.toString()));
            }
        });
        return parts.isEmpty() ? null : String.join(" · ", parts);
    }

    private static Line decided(JsonNode payload) {
        String decision = text(payload, "decision");
        String verb = "allow".equals(decision) ? "Allowed" : "deny".equals(decision) ? "Denied" : decision;
        String detail = payload.hasNonNull("reason") ? text(payload, "reason")
                : payload.hasNonNull("updated_input") ? "as " + toolInput(payload.get("updated_input")) : null;
        return new Line(Kind.APPROVAL, verb + " by " + text(payload, "decided_by"), detail);
    }

    private static Line codex(JsonNode payload) {
        String type = text(payload, "type");
        JsonNode item = payload.path("item");
        switch (type) {
            case "item.started", "item.completed" -> {
                String itemType = text(item, "type");
                if ("command_execution".equals(itemType)) {
                    boolean started = type.equals("item.started");
                    String exit = item.hasNonNull("exit_code") ? " (exit " + item.get("exit_code").asText() + ")" : "";
                    return new Line(Kind.CODEX, (started ? "Runs " : "Ran ") + shownCommand(text(item, "command")) + exit,
                            started ? null : emptyToNull(text(item, "aggregated_output")));
                }
                if ("agent_message".equals(itemType)) {
                    return new Line(Kind.CODEX, "Agent", text(item, "text"));
                }
                if ("reasoning".equals(itemType)) {
                    return new Line(Kind.CODEX, "Reasoning", text(item, "text"));
                }
                return new Line(Kind.CODEX, "Codex " + itemType.replace('_', ' '), null);
            }
            case "thread.started" -> {
                return new Line(Kind.CODEX, "Codex thread started", null);
            }
            case "turn.started" -> {
                return new Line(Kind.CODEX, "Turn started", null);
            }
            case "turn.completed" -> {
                JsonNode usage = payload.path("usage");
                String tokens = usage.isMissingNode() ? null : "tokens in " + usage.path("input_tokens").asText("?")
                        + ", out " + usage.path("output_tokens").asText("?");
                return new Line(Kind.CODEX, "Turn completed", tokens);
            }
            case "turn.failed" -> {
                return new Line(Kind.ERROR, "Turn failed", text(payload.path("error"), "message"));
            }
            case "error" -> {
                return new Line(Kind.ERROR, "Codex error", text(payload, "message"));
            }
            default -> {
                return new Line(Kind.CODEX, "Codex " + type, null);
            }
        }
    }

    /** Codex wraps each command as {@code /bin/bash -lc '…'}: the command the person reads is the inner one. */
    static String shownCommand(String command) {
        java.util.regex.Matcher wrapped = SHELL_WRAPPED.matcher(command);
        return wrapped.matches() ? wrapped.group(1).replace("'\\''", "'") : command;
    }

    /** A Bash command as the command; an edit as old → new; other tools as formatted JSON. */
    static String toolInput(JsonNode input) {
        if (input == null || input.isMissingNode() || input.isNull()) {
            return null;
        }
        if (input.hasNonNull("command") && input.get("command").isTextual()) {
            return "$ " + input.get("command").asText();
        }
        if (input.hasNonNull("file_path") && input.hasNonNull("old_string")) {
            return input.get("file_path").asText() + "\n- " + input.get("old_string").asText().replace("\n", "\n- ")
                    + "\n+ " + input.path("new_string").asText().replace("\n", "\n+ ");
        }
        return input.toPrettyString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.isTextual() ? value.asText() : value.toString();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String clip(String detail) {
        if (detail == null || detail.isBlank()) {
            return null;
        }
        return detail.length() > DETAIL_LIMIT ? detail.substring(0, DETAIL_LIMIT) + "…" : detail;
    }
}
