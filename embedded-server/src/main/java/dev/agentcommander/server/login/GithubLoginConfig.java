package dev.agentcommander.server.login;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GitHub sign-in: where GitHub's OAuth endpoints and API are, the OAuth app's client id the desktop runs the device
 * flow with ({@code clientId}, null when not configured), and which verified emails may sign in ({@code adminEmails}
 * as admin, the other {@code allowedEmails} as operator). Both lists empty = GitHub sign-in refuses everyone.
 *
 * @throws IllegalArgumentException from {@link #fromEnv} for a GITHUB_OAUTH_URL or GITHUB_API_URL that is no
 *         http(s) URL
 */
public record GithubLoginConfig(URI oauthUrl, URI apiUrl, String clientId, Set<String> allowedEmails,
                                Set<String> adminEmails) {
    public static final URI DEFAULT_OAUTH_URL = URI.create("https://github.com");
    public static final URI DEFAULT_API_URL = URI.create("https://api.github.com");
    public static final GithubLoginConfig DISABLED =
            new GithubLoginConfig(DEFAULT_OAUTH_URL, DEFAULT_API_URL, null, Set.of(), Set.of());

    public GithubLoginConfig {
        clientId = clientId == null || clientId.isBlank() ? null : clientId.trim();
        allowedEmails = lower(allowedEmails);
        adminEmails = lower(adminEmails);
    }

    /** GitHub's own endpoints, without a client id (the device flow then stays unannounced). */
    public GithubLoginConfig(URI apiUrl, Set<String> allowedEmails, Set<String> adminEmails) {
        this(DEFAULT_OAUTH_URL, apiUrl, null, allowedEmails, adminEmails);
    }

    /**
     * Reads {@code GITHUB_OAUTH_URL}, {@code GITHUB_API_URL}, {@code GITHUB_CLIENT_ID}, {@code ALLOWED_EMAILS} and
     * {@code ADMIN_EMAILS} (comma or space separated).
     */
    public static GithubLoginConfig fromEnv(Map<String, String> env) {
        return new GithubLoginConfig(url(env, "GITHUB_OAUTH_URL", DEFAULT_OAUTH_URL),
                url(env, "GITHUB_API_URL", DEFAULT_API_URL), env.get("GITHUB_CLIENT_ID"),
                list(env.get("ALLOWED_EMAILS")), list(env.get("ADMIN_EMAILS")));
    }

    boolean enabled() {
        return !allowedEmails.isEmpty() || !adminEmails.isEmpty();
    }

    /** GitHub's device authorization endpoint (RFC 8628), under {@link #oauthUrl}. */
    URI deviceAuthorizationUrl() {
        return under(oauthUrl, "/login/device/code");
    }

    /** GitHub's token endpoint, under {@link #oauthUrl}. */
    URI tokenUrl() {
        return under(oauthUrl, "/login/oauth/access_token");
    }

    private static URI under(URI base, String path) {
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }

    private static URI url(Map<String, String> env, String name, URI fallback) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        URI url;
        try {
            url = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL: " + e.getMessage(), e);
        }
        if (url.getScheme() == null || !url.getScheme().startsWith("http")) {
            throw new IllegalArgumentException(name + " must be an http(s) URL, was '" + text + "'");
        }
        return url;
    }

    private static Set<String> list(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).collect(Collectors.toSet());
    }

    private static Set<String> lower(Set<String> emails) {
        return emails.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
