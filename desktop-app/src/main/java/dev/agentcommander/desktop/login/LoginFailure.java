package dev.agentcommander.desktop.login;

import dev.agentcommander.desktop.client.ControlPlaneException;
import dev.agentcommander.desktop.client.ErrorText;
import java.net.URI;

/** Why signing in stopped, as the person reads it: what happened, the detail, and what to do now. */
public record LoginFailure(String headline, String detail, String hint) {
    static final String DISABLED_CODE = "github_login_disabled";

    /** {@code GET /v1/auth/github} failed. */
    static LoginFailure ofSettings(ControlPlaneException e, URI controlPlane) {
        if (DISABLED_CODE.equals(e.code()) || e.status() == 404) {
            return new LoginFailure("GitHub sign-in is not set up on this control plane", ErrorText.detailOf(e),
                    "Ask its admin to set GITHUB_CLIENT_ID and ALLOWED_EMAILS on the control plane, or start the "
                            + "app with AGENT_COMMANDER_TOKEN set to a token minted for you.");
        }
        return ofControlPlane(e, controlPlane);
    }

    /** GitHub's device flow ended without a token. */
    static LoginFailure ofGithub(DeviceFlowException e) {
        return switch (e.reason()) {
            case EXPIRED -> new LoginFailure("The code expired", "It was not approved on GitHub in time ("
                    + e.getMessage() + ").", "Start again for a new code, and enter it on GitHub's page.");
            case DENIED -> new LoginFailure("Sign-in was cancelled on GitHub", capitalize(e.getMessage()) + ".",
                    "Start again, and choose Authorize on GitHub's page.");
            case UNREACHABLE -> new LoginFailure("Cannot reach GitHub", capitalize(e.getMessage()) + ".",
                    "Check the network connection (and any proxy), then Start again.");
            case REFUSED -> new LoginFailure("GitHub refused the sign-in", capitalize(e.getMessage()) + ".",
                    "The control plane's admin checks its GitHub OAuth app (GITHUB_CLIENT_ID, \"Enable Device "
                            + "Flow\"); then Start again.");
        };
    }

    /** {@code POST /v1/auth/github} refused GitHub's token. */
    static LoginFailure ofSignIn(ControlPlaneException e, URI controlPlane) {
        return switch (e.status()) {
            case 403 -> new LoginFailure("Your GitHub account may not use this control plane",
                    capitalize(ErrorText.detailOf(e)) + ".",
                    "Ask its admin to add one of your verified GitHub emails to ALLOWED_EMAILS (or ADMIN_EMAILS), "
                            + "then Start again.");
            case 401 -> new LoginFailure("GitHub did not confirm who you are", capitalize(ErrorText.detailOf(e))
                    + ".", "Start again.");
            case 502 -> new LoginFailure("The control plane cannot reach GitHub", capitalize(ErrorText.detailOf(e))
                    + ".", "It must reach GitHub's API (GITHUB_API_URL); ask its admin, then Start again.");
            default -> ofControlPlane(e, controlPlane);
        };
    }

    private static LoginFailure ofControlPlane(ControlPlaneException e, URI controlPlane) {
        if (e.status() == ControlPlaneException.NO_ANSWER) {
            return new LoginFailure("Cannot reach the control plane", e.getMessage() + ".",
                    "Check the network and that the control plane runs at " + controlPlane + ", then Start again.");
        }
        return new LoginFailure("The control plane did not answer as expected", ErrorText.detailOf(e),
                "Start again; if it keeps failing, its log says why.");
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
