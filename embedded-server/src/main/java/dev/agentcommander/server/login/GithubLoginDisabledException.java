package dev.agentcommander.server.login;

import dev.agentcommander.server.api.ApiException;

/** 404 {@code github_login_disabled}: this control plane is not set up for GitHub sign-in. */
final class GithubLoginDisabledException extends ApiException {
    GithubLoginDisabledException(String message) {
        super(404, "github_login_disabled", message);
    }
}
