package dev.agentcommander.agentd.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.internal.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading back what {@link HookInstaller} writes, for {@code agentd doctor}: agentd's entries per event in a
 * Claude Code settings file (recognised exactly as the installer recognises them when it replaces them), whether an
 * entry still reaches this agentd, and the receiver address kept in {@code hooks.json}. Stateless.
 */
public final class InstalledHooks {
    private InstalledHooks() {
    }

    /** Every event the installer writes a hook for. */
    public static List<String> events() {
        List<String> events = new ArrayList<>(HookInstaller.EVENTS);
        events.addAll(HookInstaller.COMMAND_ONLY_EVENTS);
        return List.copyOf(events);
    }

    /** agentd's hook entries for {@code event} in a parsed settings file (its root object). */
    public static List<JsonNode> ours(JsonNode settings, String event) {
        List<JsonNode> ours = new ArrayList<>();
        for (JsonNode group : settings.path("hooks").path(event)) {
            for (JsonNode hook : group.path("hooks")) {
                if (HookInstaller.ours(hook, event)) {
                    ours.add(hook);
                }
            }
        }
        return ours;
    }

    /**
     * Why an entry of ours would not reach the agentd with {@code endpoint} and {@code socket} (another port,
     * another secret, another socket), or empty when it would.
     */
    public static Optional<String> mismatch(JsonNode hook, HookEndpoint endpoint, Path socket) {
        if ("http".equals(hook.path("type").asText())) {
            String url = hook.path("url").asText();
            if (!url.startsWith(endpoint.url() + HookServer.PREFIX)) {
                return Optional.of("it posts to " + url + ", agentd listens at " + endpoint.url());
            }
            if (!("Bearer " + endpoint.secret()).equals(hook.path("headers").path("Authorization").asText())) {
                return Optional.of("it carries another secret than hooks.json");
            }
            return Optional.empty();
        }
        String command = hook.path("command").asText();
        return command.endsWith(" --socket " + Shell.quoted(socket.toString())) ? Optional.empty()
                : Optional.of("its command `" + command + "` does not use agentd's socket " + socket);
    }

    /** The receiver address and secret in {@code <state_dir>/hooks.json}, if agentd or install-hooks wrote one. */
    public static Optional<HookEndpoint> endpoint(Path stateDir, ObjectMapper json) throws IOException {
        Path file = HookEndpoint.file(stateDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode stored = json.readTree(file.toFile());
        String url = stored.path("url").asText("");
        String secret = stored.path("secret").asText("");
        return url.isEmpty() || secret.isEmpty() ? Optional.empty() : Optional.of(new HookEndpoint(url, secret));
    }
}
