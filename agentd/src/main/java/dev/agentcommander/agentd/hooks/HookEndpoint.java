package dev.agentcommander.agentd.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.config.HooksConfig;
import dev.agentcommander.agentd.internal.DurableFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where Claude Code's HTTP hooks reach this agentd and the secret they carry: {@code <state_dir>/hooks.json}
 * {@code {"url", "secret"}}, mode 600. Kept across restarts because the URLs and the secret are written into
 * Claude Code's settings by {@code agentd install-hooks}.
 */
public record HookEndpoint(String url, String secret) {
    public static final String FILE_NAME = "hooks.json";

    public static Path file(Path stateDir) {
        return stateDir.resolve(FILE_NAME);
    }

    public String host() {
        return URI.create(url).getHost();
    }

    public int port() {
        return URI.create(url).getPort();
    }

    /**
     * Reads {@code hooks.json}, or creates it: with {@code hooks.listen}'s port, or for port 0 a free port picked now.
     * A configured port other than the stored one wins (and the file is rewritten; the secret is kept).
     */
    public static HookEndpoint loadOrCreate(Path stateDir, HooksConfig config, ObjectMapper json) throws IOException {
        Path file = file(stateDir);
        String secret = null;
        if (Files.exists(file)) {
            JsonNode stored = json.readTree(file.toFile());
            HookEndpoint existing = new HookEndpoint(stored.path("url").asText(""), stored.path("secret").asText(""));
            if (!existing.secret().isEmpty() && !existing.url().isEmpty()
                    && existing.host().equals(config.listenHost())
                    && (config.listenPort() == 0 || config.listenPort() == existing.port())) {
                return existing;
            }
            secret = existing.secret().isEmpty() ? null : existing.secret();
        }
        int port = config.listenPort() == 0 ? freePort(config.listenHost()) : config.listenPort();
        HookEndpoint created = new HookEndpoint("http://" + config.listenHost() + ":" + port,
                secret == null ? newSecret() : secret);
        created.save(stateDir, json);
        return created;
    }

    /** Rewrites the file with a new port (when the kept one is taken by someone else), keeping the secret. */
    HookEndpoint withPort(int port) {
        return new HookEndpoint("http://" + host() + ":" + port, secret);
    }

    void save(Path stateDir, ObjectMapper json) throws IOException {
        Path file = file(stateDir);
        // Created 600 before the secret is written, so it is never readable by others, not even briefly.
        Path temp = file.resolveSibling(file.getFileName() + DurableFiles.TEMP_SUFFIX);
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        DurableFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(
                json.createObjectNode().put("url", url).put("secret", secret)));
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
