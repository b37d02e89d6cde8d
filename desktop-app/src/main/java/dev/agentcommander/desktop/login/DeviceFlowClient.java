package dev.agentcommander.desktop.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.exceptions.OAuthException;
import com.github.scribejava.core.httpclient.jdk.JDKHttpClientConfig;
import com.github.scribejava.core.model.DeviceAuthorization;
import com.github.scribejava.core.model.OAuth2AccessTokenErrorResponse;
import com.github.scribejava.core.oauth.OAuth20Service;
import com.github.scribejava.core.oauth2.OAuth2Error;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * GitHub's device flow (RFC 8628) through ScribeJava: {@link #requestCode} gets the code the person approves in a
 * browser, {@link #awaitAccessToken} polls until they did. Asks for the {@code user:email} scope, which the control
 * plane needs to read the verified emails. Thread-safe; a poll blocks its thread and ends when it is interrupted.
 */
public final class DeviceFlowClient {
    /** How much longer to wait after GitHub's {@code slow_down}, unless GitHub names a longer interval (RFC 8628 §3.5). */
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    static final String SCOPE = "user:email";
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Waits between polls; tests pass one that records the wait instead of sleeping through it. */
    @FunctionalInterface
    public interface Pause {
        Pause SLEEP = interval -> Thread.sleep(interval.toMillis());

        void await(Duration interval) throws InterruptedException;
    }

    private final OAuth20Service service;
    private final Pause pause;

    public DeviceFlowClient(String clientId, URI deviceAuthorizationUrl, URI tokenUrl, Pause pause) {
        this.service = new ServiceBuilder(clientId)
                .httpClientConfig(JDKHttpClientConfig.defaultConfig().withConnectTimeout(CONNECT_TIMEOUT_MS)
                        .withReadTimeout(READ_TIMEOUT_MS))
                .defaultScope(SCOPE)
                .build(new GithubDeviceApi(deviceAuthorizationUrl, tokenUrl));
        this.pause = pause;
    }

    public DeviceCode requestCode() throws DeviceFlowException, InterruptedException {
        DeviceAuthorization authorization;
        try {
            authorization = service.getDeviceAuthorizationCodes();
        } catch (OAuth2AccessTokenErrorResponse e) {
            throw new DeviceFlowException(DeviceFlowException.Reason.REFUSED,
                    "GitHub refused to hand out a code: " + errorOf(e), e);
        } catch (OAuthException e) {
            throw new DeviceFlowException(DeviceFlowException.Reason.REFUSED,
                    "GitHub answered without a usable code: " + e.getMessage(), e);
        } catch (IOException | ExecutionException e) {
            throw unreachable(service.getApi().getDeviceAuthorizationEndpoint(), e);
        }
        URI verification;
        try {
            verification = URI.create(authorization.getVerificationUri());
        } catch (IllegalArgumentException e) {
            throw new DeviceFlowException(DeviceFlowException.Reason.REFUSED,
                    "GitHub's verification address is not a URL: " + authorization.getVerificationUri(), e);
        }
        return new DeviceCode(authorization.getDeviceCode(), authorization.getUserCode(), verification,
                Duration.ofSeconds(authorization.getExpiresInSeconds()),
                Duration.ofSeconds(Math.max(0, authorization.getIntervalSeconds())));
    }

    /** Polls every {@code interval} (longer after {@code slow_down}) until GitHub hands out the access token. */
    public String awaitAccessToken(DeviceCode code) throws DeviceFlowException, InterruptedException {
        DeviceAuthorization authorization = new DeviceAuthorization(code.deviceCode(), code.userCode(),
                code.verificationUri().toString(), (int) code.expiresIn().toSeconds());
        Duration interval = code.interval();
        while (true) {
            pause.await(interval);
            try {
                return service.getAccessTokenDeviceAuthorizationGrant(authorization).getAccessToken();
            } catch (OAuth2AccessTokenErrorResponse e) {
                OAuth2Error error = e.getError();
                if (error == OAuth2Error.SLOW_DOWN) {
                    interval = slowerOf(interval, e);
                } else if (error == OAuth2Error.EXPIRED_TOKEN) {
                    throw new DeviceFlowException(DeviceFlowException.Reason.EXPIRED,
                            "the code " + code.userCode() + " expired before it was approved", e);
                } else if (error == OAuth2Error.ACCESS_DENIED) {
                    throw new DeviceFlowException(DeviceFlowException.Reason.DENIED,
                            "the sign-in was cancelled on GitHub", e);
                } else if (error != OAuth2Error.AUTHORIZATION_PENDING) {
                    throw new DeviceFlowException(DeviceFlowException.Reason.REFUSED,
                            "GitHub refused the sign-in: " + errorOf(e), e);
                }
            } catch (OAuthException e) {
                throw new DeviceFlowException(DeviceFlowException.Reason.REFUSED,
                        "GitHub answered without an access token: " + e.getMessage(), e);
            } catch (IOException | ExecutionException e) {
                throw unreachable(service.getApi().getAccessTokenEndpoint(), e);
            }
        }
    }

    private static Duration slowerOf(Duration interval, OAuth2AccessTokenErrorResponse e) {
        Duration stepped = interval.plus(SLOW_DOWN_STEP);
        JsonNode named = body(e).path("interval");
        Duration asked = named.canConvertToLong() ? Duration.ofSeconds(named.asLong()) : Duration.ZERO;
        return asked.compareTo(stepped) > 0 ? asked : stepped;
    }

    private static String errorOf(OAuth2AccessTokenErrorResponse e) {
        JsonNode body = body(e);
        String error = body.path("error").asText("no error code");
        String description = body.path("error_description").asText("");
        return description.isBlank() ? error : error + " (" + description + ")";
    }

    private static JsonNode body(OAuth2AccessTokenErrorResponse e) {
        try {
            return JSON.readTree(e.getResponse().getBody());
        } catch (IOException | RuntimeException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static DeviceFlowException unreachable(String endpoint, Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new DeviceFlowException(DeviceFlowException.Reason.UNREACHABLE,
                "cannot reach GitHub at " + endpoint + ": " + why, e);
    }
}
