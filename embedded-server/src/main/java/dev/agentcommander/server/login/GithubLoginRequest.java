package dev.agentcommander.server.login;

import dev.agentcommander.schema.Require;

/** Body of {@code POST /v1/auth/github}: the GitHub access token the desktop got from the device flow. */
public record GithubLoginRequest(String accessToken) {
    public GithubLoginRequest {
        Require.text(accessToken, "access_token");
    }
}
