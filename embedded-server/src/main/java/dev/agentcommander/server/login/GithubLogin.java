package dev.agentcommander.server.login;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.api.BadGatewayException;
import dev.agentcommander.server.api.ForbiddenException;
import dev.agentcommander.server.api.UnauthorizedException;
import dev.agentcommander.server.auth.RefreshRoutes;
import dev.agentcommander.server.auth.UserTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Signs a GitHub user in: asks GitHub for the token's verified emails, applies the allowlists, and mints a
 * 5-minute user token for the first email that passes (an admin email wins, then the primary one). Thread-safe.
 */
public final class GithubLogin {
    private final GithubLoginConfig config;
    private final UserTokens tokens;
    private final WireCodec codec;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public GithubLogin(GithubLoginConfig config, UserTokens tokens, WireCodec codec) {
        this.config = config;
        this.tokens = tokens;
        this.codec = codec;
    }

    /**
     * @throws UnauthorizedException when GitHub rejects the access token
     * @throws ForbiddenException when no verified email of the user is allowed
     * @throws BadGatewayException when GitHub cannot be asked
     */
    public RefreshRoutes.Refreshed login(String accessToken) {
        if (!config.enabled()) {
            throw new ForbiddenException("GitHub sign-in is not enabled on this server (set ALLOWED_EMAILS or "
                    + "ADMIN_EMAILS)");
        }
        List<String> verified = verifiedEmails(accessToken);
        String admin = verified.stream().filter(config.adminEmails()::contains).findFirst().orElse(null);
        String email = admin != null ? admin
                : verified.stream().filter(config.allowedEmails()::contains).findFirst().orElse(null);
        if (email == null) {
            throw new ForbiddenException("none of this GitHub user's verified emails is allowed on this server");
        }
        Role role = admin != null ? Role.ADMIN : Role.OPERATOR;
        String token = tokens.mint(role, email, RefreshRoutes.UI_TOKEN_TTL);
        return new RefreshRoutes.Refreshed(token, tokens.verify(token).expiresAt(), role);
    }

    /** The verified emails, lower-cased, the primary one first. */
    private List<String> verifiedEmails(String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.apiUrl().toString().replaceAll("/+$", "")
                        + "/user/emails"))
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/vnd.github+json")
                .timeout(Duration.ofSeconds(15))
                .GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BadGatewayException("cannot reach GitHub: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadGatewayException("interrupted while asking GitHub");
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new UnauthorizedException("GitHub rejected the access token (" + response.statusCode() + ")");
        }
        if (response.statusCode() != 200) {
            throw new BadGatewayException("GitHub answered " + response.statusCode() + " for /user/emails");
        }
        JsonNode emails;
        try {
            emails = codec.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new BadGatewayException("GitHub's /user/emails answer is not JSON");
        }
        List<String> verified = new ArrayList<>();
        for (JsonNode entry : emails) {
            if (entry.path("verified").asBoolean(false) && entry.path("email").isTextual()) {
                String email = entry.path("email").textValue().toLowerCase(Locale.ROOT);
                if (entry.path("primary").asBoolean(false)) {
                    verified.add(0, email);
                } else {
                    verified.add(email);
                }
            }
        }
        return verified;
    }
}
