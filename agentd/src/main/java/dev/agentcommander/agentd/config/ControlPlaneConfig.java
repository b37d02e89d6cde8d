package dev.agentcommander.agentd.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the control plane's agent WebSocket is ({@code urls}: several = failover, in order), the host token file, and
 * how long sent durable messages may go unacked before the connection is given up ({@code ackTimeout}).
 */
public record ControlPlaneConfig(List<String> urls, Path tokenFile, Duration ackTimeout) {
    public static final int DEFAULT_ACK_TIMEOUT_S = 20;

    public ControlPlaneConfig {
        Objects.requireNonNull(urls, "urls");
        if (urls.isEmpty()) {
            throw new ConfigException("control_plane.urls", "at least one ws:// or wss:// URL is required");
        }
        urls = List.copyOf(urls);
        for (int i = 0; i < urls.size(); i++) {
            checkUrl(urls.get(i), "control_plane.urls[" + i + "]");
        }
        if (tokenFile == null) {
            throw new ConfigException("control_plane.token_file", "required");
        }
        if (ackTimeout == null || ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new ConfigException("control_plane.ack_timeout_s", "must be >= 1, was "
                    + (ackTimeout == null ? null : ackTimeout.toSeconds()));
        }
    }

    /** With the default ack timeout. */
    public ControlPlaneConfig(List<String> urls, Path tokenFile) {
        this(urls, tokenFile, Duration.ofSeconds(DEFAULT_ACK_TIMEOUT_S));
    }

    public List<URI> uris() {
        return urls.stream().map(URI::create).toList();
    }

    /**
     * Reads the host token now (it is read at every connect, so a rotated token needs no restart).
     * Surrounding whitespace is trimmed.
     */
    public String readToken() throws ConfigException {
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new ConfigException("control_plane.token_file", "host token file " + tokenFile
                    + " does not exist (create a host token with POST /v1/hosts/{host_id}/tokens and write it there)");
        } catch (IOException | SecurityException e) {
            throw new ConfigException("control_plane.token_file", "cannot read host token file " + tokenFile + ": " + e, e);
        }
        if (token.isEmpty()) {
            throw new ConfigException("control_plane.token_file", "host token file " + tokenFile + " is empty");
        }
        if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new ConfigException("control_plane.token_file", "host token file " + tokenFile
                    + " must hold a single token (printable ASCII, no spaces)");
        }
        return token;
    }

    private static void checkUrl(String url, String key) {
        if (url == null || url.isBlank()) {
            throw new ConfigException(key, "must be a ws:// or wss:// URL, was empty");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(key, "not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
            throw new ConfigException(key, "must start with ws:// or wss://, was '" + url + "'");
        }
        if (uri.getHost() == null) {
            throw new ConfigException(key, "has no host: '" + url + "'");
        }
    }
}
