package dev.agentcommander.server.login;

/**
 * The answer of {@code GET /v1/auth/github}: what a desktop needs to run GitHub's device flow for this control
 * plane, so the user sets nothing up on the desktop.
 */
public record GithubDeviceFlow(String clientId, String deviceAuthorizationUrl, String tokenUrl) {
}
