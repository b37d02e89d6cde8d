package dev.agentcommander.server.login;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GitHub sign-in: where GitHub's API is, and which verified emails may sign in ({@code adminEmails} as admin,
 * the other {@code allowedEmails} as operator). Both empty = GitHub sign-in refuses everyone.
 *
 * @throws IllegalArgumentException from {@link #fromEnv} for a GITHUB_API_URL that is no http(s) URL
 */
public record GithubLoginConfig(URI apiUrl, Set<String> allowedEmails, Set<String> adminEmails) {
    public static final URI DEFAULT_API_URL = URI.create("https://api.github.com");
    public static final GithubLoginConfig DISABLED = new GithubLoginConfig(DEFAULT_API_URL, Set.of(), Set.of());

    public GithubLoginConfig {
        allowedEmails = lower(allowedEmails);
        adminEmails = lower(adminEmails);
    }

    /** Reads {@code GITHUB_API_URL}, {@code ALLOWED_EMAILS} and {@code ADMIN_EMAILS} (comma or space separated). */
    public static GithubLoginConfig fromEnv(Map<String, String> env) {
        String api = env.get("GITHUB_API_URL");
        URI apiUrl = DEFAULT_API_URL;
        if (api != null && !api.isBlank()) {
            try {
                apiUrl = URI.create(api.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("GITHUB_API_URL is not a URL: " + e.getMessage(), e);
            }
            if (apiUrl.getScheme() == null || !apiUrl.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("GITHUB_API_URL must be an http(s) URL, was '" + api + "'");
            }
        }
        return new GithubLoginConfig(apiUrl, list(env.get("ALLOWED_EMAILS")), list(env.get("ADMIN_EMAILS")));
    }

    boolean enabled() {
        return !allowedEmails.isEmpty() || !adminEmails.isEmpty();
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
