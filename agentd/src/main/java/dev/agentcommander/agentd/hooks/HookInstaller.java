package dev.agentcommander.agentd.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.agentd.internal.DurableFiles;
import dev.agentcommander.agentd.internal.Shell;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Merges agentd's hooks into a Claude Code {@code settings.json}: one entry per event, replacing any earlier agentd
 * entry (an http hook on a loopback URL with the path {@code /hooks/<event>}, or a command hook running
 * {@code … agentd … hook <event> …}), keeping everything else, and writing a timestamped backup before the file
 * changes. Stateless.
 */
public final class HookInstaller {
    /** How Claude Code reaches agentd. */
    public enum Transport {
        /** {@code "type": "http"} to the receiver in {@code hooks.json}: no process per hook; noisy while agentd is down. */
        HTTP,
        /** {@code "type": "command"} running {@code agentd hook} over the Unix socket: quiet when agentd is down. */
        COMMAND
    }

    /** The events Claude Code can send as HTTP hooks. */
    public static final List<String> EVENTS = List.of("UserPromptSubmit", "PreToolUse", "PermissionRequest",
            "PostToolUse", "Notification", "Stop");
    /** Events Claude Code only runs as command hooks: always installed as {@code agentd hook}. */
    public static final List<String> COMMAND_ONLY_EVENTS = List.of("SessionStart", "SessionEnd");
    static final Set<String> TOOL_EVENTS = Set.of("PreToolUse", "PermissionRequest", "PostToolUse");
    static final int EVENT_TIMEOUT_S = 10;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** What an install did: whether the file changed, and the backup written (if the file existed and changed). */
    public record Outcome(boolean changed, Optional<Path> backup) {
    }

    private final ObjectMapper json;

    public HookInstaller(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Installs the hooks: {@link #EVENTS} over {@code transport}, {@link #COMMAND_ONLY_EVENTS} always as
     * {@code <agentdCommand> hook <event> --socket <socket>}.
     */
    public Outcome install(Path settings, HookEndpoint endpoint, int permissionTimeoutS, Transport transport,
                           String agentdCommand, Path socket) throws IOException {
        String before = Files.exists(settings) ? Files.readString(settings) : null;
        JsonNode parsed = before == null || before.isBlank() ? json.createObjectNode() : json.readTree(before);
        if (!(parsed instanceof ObjectNode root)) {
            throw new IOException(settings + " does not hold a JSON object; not touching it");
        }
        ObjectNode original = root.deepCopy();
        JsonNode hooksNode = root.get("hooks");
        if (hooksNode != null && !hooksNode.isObject()) {
            throw new IOException(settings + ": \"hooks\" is not an object; not touching it");
        }
        ObjectNode hooks = hooksNode == null ? root.putObject("hooks") : (ObjectNode) hooksNode;
        List<String> events = new java.util.ArrayList<>(EVENTS);
        events.addAll(COMMAND_ONLY_EVENTS);
        for (String event : events) {
            ArrayNode groups = hooks.get(event) instanceof ArrayNode existing ? existing : hooks.putArray(event);
            removeOurs(groups, event);
            int timeout = "PermissionRequest".equals(event) ? permissionTimeoutS : EVENT_TIMEOUT_S;
            groups.add(transport == Transport.HTTP && EVENTS.contains(event)
                    ? httpGroup(event, endpoint, timeout) : commandGroup(event, agentdCommand, socket, timeout));
        }
        if (root.equals(original) && before != null) {
            return new Outcome(false, Optional.empty());
        }
        Optional<Path> backup = Optional.empty();
        if (before != null) {
            Path copy = settings.resolveSibling(settings.getFileName() + ".agentd-backup-"
                    + LocalDateTime.now().format(STAMP));
            Files.copy(settings, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            backup = Optional.of(copy);
        } else if (settings.getParent() != null) {
            Files.createDirectories(settings.getParent());
        }
        // The file now holds the hook secret: readable by its owner only.
        Path temp = settings.resolveSibling(settings.getFileName() + DurableFiles.TEMP_SUFFIX);
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        DurableFiles.write(settings, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        return new Outcome(true, backup);
    }

    private ObjectNode group(String event) {
        ObjectNode group = json.createObjectNode();
        if (TOOL_EVENTS.contains(event)) {
            group.put("matcher", "*");
        }
        return group;
    }

    private ObjectNode commandGroup(String event, String agentdCommand, Path socket, int timeout) {
        ObjectNode group = group(event);
        group.putArray("hooks").addObject().put("type", "command")
                .put("command", agentdCommand + " hook " + event + " --socket " + Shell.quoted(socket.toString()))
                .put("timeout", timeout);
        return group;
    }

    private ObjectNode httpGroup(String event, HookEndpoint endpoint, int timeout) {
        ObjectNode group = group(event);
        ObjectNode hook = group.putArray("hooks").addObject();
        hook.put("type", "http").put("url", endpoint.url() + HookServer.PREFIX + event).put("timeout", timeout);
        // Claude Code only interpolates its own environment; the secret is not in it, so it is written literally.
        hook.putObject("headers").put("X-Tmux-Pane", "$TMUX_PANE").put("Authorization", "Bearer " + endpoint.secret());
        hook.putArray("allowedEnvVars").add("TMUX_PANE");
        return group;
    }

    /** Drops earlier agentd hooks for {@code event}, and groups left empty by that. */
    private static void removeOurs(ArrayNode groups, String event) {
        for (Iterator<JsonNode> groupIt = groups.elements(); groupIt.hasNext(); ) {
            JsonNode group = groupIt.next();
            if (!(group.get("hooks") instanceof ArrayNode entries)) {
                continue;
            }
            int before = entries.size();
            for (Iterator<JsonNode> entryIt = entries.elements(); entryIt.hasNext(); ) {
                if (ours(entryIt.next(), event)) {
                    entryIt.remove();
                }
            }
            if (before > 0 && entries.isEmpty()) {
                groupIt.remove();
            }
        }
    }

    static boolean ours(JsonNode hook, String event) {
        if ("command".equals(hook.path("type").asText()) && hook.path("command").isTextual()) {
            String command = hook.get("command").textValue();
            return command.contains("agentd") && command.matches(".* hook " + event + "( .*)?");
        }
        if (!"http".equals(hook.path("type").asText()) || !hook.path("url").isTextual()) {
            return false;
        }
        try {
            URI url = URI.create(hook.get("url").textValue());
            String host = url.getHost();
            boolean loopback = "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
            return loopback && (HookServer.PREFIX + event).equals(url.getPath());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
