package dev.agentcommander.desktop.client;

import java.net.URI;
import java.util.Objects;

/** What {@code GET /v1/auth/github} tells the desktop: the OAuth app's client id and GitHub's device-flow endpoints. */
public record GithubSettings(String clientId, URI deviceAuthorizationUrl, URI tokenUrl) {
    public GithubSettings {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(deviceAuthorizationUrl, "deviceAuthorizationUrl");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
    }
}
