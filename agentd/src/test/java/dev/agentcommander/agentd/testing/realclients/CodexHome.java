package dev.agentcommander.agentd.testing.realclients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An isolated {@code CODEX_HOME} for the real Codex CLI (REAL-CLIENTS.md): a {@code mock} provider on the
 * {@link ScriptedModelServer} speaking the Responses API, no update checks, no analytics, and bounded connection
 * retries (without them codex waits forever for an unreachable server).
 */
public final class CodexHome {
    public static final String API_KEY_ENV = "MOCK_API_KEY";

    private final Path home;

    private CodexHome(Path home) {
        this.home = home;
    }

    /** Writes {@code config.toml} under {@code dir} for a model server on {@code modelPort}. */
    public static CodexHome create(Path dir, int modelPort) {
        String config = """
                model_provider = "mock"
                model = "gpt-5.5"
                check_for_update_on_startup = false

                [model_providers.mock]
                name = "mock"
                base_url = "http://127.0.0.1:%d/v1"
                wire_api = "responses"
                env_key = "%s"

                [analytics]
                enabled = false

                [features]
                unbounded_connection_retries = false
                """.formatted(modelPort, API_KEY_ENV);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.toml"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CodexHome(dir);
    }

    public Path dir() {
        return home;
    }

    /** The environment for a codex process ({@code HOME} is the codex home's parent). */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.getParent().toString());
        env.put("CODEX_HOME", home.toString());
        env.put(API_KEY_ENV, "dummy");
        return env;
    }
}
