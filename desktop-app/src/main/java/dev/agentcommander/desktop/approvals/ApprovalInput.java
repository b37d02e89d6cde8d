package dev.agentcommander.desktop.approvals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A tool's input as a person reads it before deciding: a Bash command as the command, Edit / MultiEdit / Write as
 * a diff of old → new, anything else as formatted JSON; what of it can be edited, and the edited text turned back
 * into the input to allow (validated first). Immutable.
 */
public record ApprovalInput(String summary, List<Line> lines, String editableText, boolean command) {
    private static final int SUMMARY_LIMIT = 120;

    /** One line of the rendering; {@code style} says how it is drawn. */
    public record Line(Style style, String text) { }

    public enum Style { HEADER, COMMAND, ADDED, REMOVED, CONTEXT, PLAIN }

    /** The edited text did not make a valid input; {@code getMessage()} says what to fix. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    public static ApprovalInput of(String toolName, JsonNode toolInput, ObjectMapper mapper) {
        JsonNode input = toolInput == null ? mapper.createObjectNode() : toolInput;
        String pretty = pretty(input, mapper);
        String tool = toolName == null ? "" : toolName;
        return switch (tool) {
            case "Bash" -> bash(input, pretty);
            case "Edit" -> edit(input, pretty);
            case "MultiEdit" -> multiEdit(input, pretty);
            case "Write" -> write(input, pretty);
            default -> new ApprovalInput(shorten(input.toString()), plain(pretty), pretty, false);
        };
    }

    /**
     * The input to allow once edited: for a command, the original input with {@code command} replaced by the
     * text; otherwise the text must be a JSON object.
     */
    public JsonNode edited(JsonNode original, String text, ObjectMapper mapper) throws Invalid {
        if (command) {
            if (text.isBlank()) {
                throw new Invalid("The command is empty: type the command to run, or deny instead");
            }
            ObjectNode copy = original != null && original.isObject() ? ((ObjectNode) original).deepCopy()
                    : mapper.createObjectNode();
            copy.put("command", text.strip());
            return copy;
        }
        JsonNode parsed;
        try {
            parsed = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Invalid("Not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        }
        if (parsed == null || !parsed.isObject()) {
            throw new Invalid("The input must be a JSON object, like {\"file_path\": \"…\"}");
        }
        return parsed;
    }

    private static ApprovalInput bash(JsonNode input, String pretty) {
        String commandText = input.path("command").asText("");
        if (commandText.isEmpty()) {
            return new ApprovalInput(shorten(input.toString()), plain(pretty), pretty, false);
        }
        List<Line> lines = new ArrayList<>();
        String description = input.path("description").asText("");
        if (!description.isEmpty()) {
            lines.add(new Line(Style.HEADER, description));
        }
        for (String line : commandText.split("\n", -1)) {
            lines.add(new Line(Style.COMMAND, line));
        }
        return new ApprovalInput(shorten(commandText), List.copyOf(lines), commandText, true);
    }

    private static ApprovalInput edit(JsonNode input, String pretty) {
        String file = input.path("file_path").asText("");
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(Style.HEADER, file + (input.path("replace_all").asBoolean(false) ? "  (every occurrence)" : "")));
        diff(input.path("old_string").asText(""), input.path("new_string").asText(""), lines);
        return new ApprovalInput("edit " + file, List.copyOf(lines), pretty, false);
    }

    private static ApprovalInput multiEdit(JsonNode input, String pretty) {
        String file = input.path("file_path").asText("");
        List<Line> lines = new ArrayList<>();
        JsonNode edits = input.path("edits");
        for (int i = 0; i < edits.size(); i++) {
            lines.add(new Line(Style.HEADER, file + "  (edit " + (i + 1) + " of " + edits.size() + ")"));
            diff(edits.get(i).path("old_string").asText(""), edits.get(i).path("new_string").asText(""), lines);
        }
        if (edits.isEmpty()) {
            lines.add(new Line(Style.HEADER, file + "  (no edits)"));
        }
        return new ApprovalInput(edits.size() + " edits to " + file, List.copyOf(lines), pretty, false);
    }

    private static ApprovalInput write(JsonNode input, String pretty) {
        String file = input.path("file_path").asText("");
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(Style.HEADER, file + "  (whole file)"));
        for (String line : input.path("content").asText("").split("\n", -1)) {
            lines.add(new Line(Style.ADDED, "+ " + line));
        }
        return new ApprovalInput("write " + file, List.copyOf(lines), pretty, false);
    }

    /** Lines both sides share at the start and the end are context; what lies between is removed, then added. */
    private static void diff(String before, String after, List<Line> into) {
        String[] old = before.split("\n", -1);
        String[] now = after.split("\n", -1);
        int prefix = 0;
        while (prefix < old.length && prefix < now.length && old[prefix].equals(now[prefix])) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < old.length - prefix && suffix < now.length - prefix
                && old[old.length - 1 - suffix].equals(now[now.length - 1 - suffix])) {
            suffix++;
        }
        for (int i = 0; i < prefix; i++) {
            into.add(new Line(Style.CONTEXT, "  " + old[i]));
        }
        for (int i = prefix; i < old.length - suffix; i++) {
            into.add(new Line(Style.REMOVED, "- " + old[i]));
        }
        for (int i = prefix; i < now.length - suffix; i++) {
            into.add(new Line(Style.ADDED, "+ " + now[i]));
        }
        for (int i = old.length - suffix; i < old.length; i++) {
            into.add(new Line(Style.CONTEXT, "  " + old[i]));
        }
    }

    private static List<Line> plain(String pretty) {
        return pretty.lines().map(line -> new Line(Style.PLAIN, line)).toList();
    }

    private static String pretty(JsonNode input, ObjectMapper mapper) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(input);
        } catch (JsonProcessingException e) {
            return input.toString();
        }
    }

    private static String shorten(String text) {
        String oneLine = text.strip().replace('\n', ' ');
        return oneLine.length() <= SUMMARY_LIMIT ? oneLine : oneLine.substring(0, SUMMARY_LIMIT - 1) + "…";
    }
}
