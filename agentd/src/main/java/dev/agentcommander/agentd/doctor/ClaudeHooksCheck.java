package dev.agentcommander.agentd.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.hooks.ClaudeHooks;
import dev.agentcommander.agentd.hooks.HookEndpoint;
import dev.agentcommander.agentd.hooks.InstalledHooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Claude Code's settings hold agentd's hooks for every event {@code agentd install-hooks} writes, and they reach
 * this agentd: the HTTP ones its port and secret in {@code <state_dir>/hooks.json}, the command ones its socket.
 * Stateless.
 */
final class ClaudeHooksCheck {
    static final String NAME = "Claude hooks";

    private final ObjectMapper json;

    ClaudeHooksCheck(ObjectMapper json) {
        this.json = json;
    }

    CheckResult check(Path settings, AgentConfig config, Path configFile) {
        String fix = "agentd install-hooks --config " + configFile.toAbsolutePath();
        if (!Files.exists(settings)) {
            return CheckResult.problem(NAME, settings + " does not exist", fix);
        }
        JsonNode root;
        try {
            root = json.readTree(Files.readString(settings));
        } catch (JsonProcessingException e) {
            return CheckResult.problem(NAME, settings + " is not valid JSON: " + e.getOriginalMessage(),
                    "repair it, then run " + fix);
        } catch (IOException e) {
            return CheckResult.problem(NAME, "cannot read " + settings + ": " + e, "run agentd doctor as the user "
                    + "who runs Claude Code, or pass --settings");
        }
        if (root == null || !root.isObject()) {
            return CheckResult.problem(NAME, settings + " does not hold a JSON object", "repair it, then run " + fix);
        }
        List<String> missing = new ArrayList<>();
        List<JsonNode> installed = new ArrayList<>();
        for (String event : InstalledHooks.events()) {
            List<JsonNode> ours = InstalledHooks.ours(root, event);
            if (ours.isEmpty()) {
                missing.add(event);
            }
            installed.addAll(ours);
        }
        if (!missing.isEmpty()) {
            return CheckResult.problem(NAME, settings + " has no agentd hook for " + String.join(", ", missing), fix);
        }
        Path stateDir = config.storage().stateDir();
        Optional<HookEndpoint> endpoint;
        try {
            endpoint = InstalledHooks.endpoint(stateDir, json);
        } catch (IOException e) {
            return CheckResult.problem(NAME, "cannot read " + HookEndpoint.file(stateDir) + ": " + e, fix);
        }
        if (endpoint.isEmpty()) {
            return CheckResult.problem(NAME, HookEndpoint.file(stateDir) + " does not exist, so agentd will listen "
                    + "on a port and secret the installed hooks do not know", fix);
        }
        Path socket = ClaudeHooks.socketPath(stateDir, config.hooks()).toAbsolutePath();
        for (JsonNode hook : installed) {
            Optional<String> mismatch = InstalledHooks.mismatch(hook, endpoint.get(), socket);
            if (mismatch.isPresent()) {
                return CheckResult.problem(NAME, "agentd's hooks in " + settings + " do not reach this agentd: "
                        + mismatch.get(), fix);
            }
        }
        return CheckResult.ok(NAME, settings + " (" + installed.size() + " agentd hooks, to "
                + endpoint.get().url() + " and " + socket + ")");
    }
}
