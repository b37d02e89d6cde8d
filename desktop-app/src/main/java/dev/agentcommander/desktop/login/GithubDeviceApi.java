package dev.agentcommander.desktop.login;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.scribejava.apis.GitHubApi;
import com.github.scribejava.core.extractors.OAuth2AccessTokenJsonExtractor;
import com.github.scribejava.core.extractors.TokenExtractor;
import com.github.scribejava.core.httpclient.HttpClient;
import com.github.scribejava.core.httpclient.HttpClientConfig;
import com.github.scribejava.core.model.DeviceAuthorization;
import com.github.scribejava.core.model.OAuth2AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.oauth.OAuth20Service;
import com.github.scribejava.core.oauth2.clientauthentication.ClientAuthentication;
import com.github.scribejava.core.oauth2.clientauthentication.RequestBodyAuthenticationScheme;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;

/**
 * ScribeJava's {@link GitHubApi} with the device grant (RFC 8628) GitHub offers: endpoints given by the control
 * plane (so tests use a local fake), {@code client_id} in the form body (a device flow has no client secret),
 * {@code Accept: application/json} on every call (GitHub answers form-encoded otherwise), and GitHub's habit of
 * answering a pending poll with 200 and {@code error=authorization_pending} read as the error it is. Immutable.
 */
final class GithubDeviceApi extends GitHubApi {
    private final URI deviceAuthorizationUrl;
    private final URI tokenUrl;

    GithubDeviceApi(URI deviceAuthorizationUrl, URI tokenUrl) {
        this.deviceAuthorizationUrl = deviceAuthorizationUrl;
        this.tokenUrl = tokenUrl;
    }

    @Override
    public String getDeviceAuthorizationEndpoint() {
        return deviceAuthorizationUrl.toString();
    }

    @Override
    public String getAccessTokenEndpoint() {
        return tokenUrl.toString();
    }

    @Override
    protected String getAuthorizationBaseUrl() {
        // Only the browser-redirect flow uses it; GitHub keeps it beside the token endpoint.
        return tokenUrl.toString().replaceAll("/access_token$", "/authorize");
    }

    @Override
    public ClientAuthentication getClientAuthentication() {
        return RequestBodyAuthenticationScheme.instance();
    }

    @Override
    public TokenExtractor<OAuth2AccessToken> getAccessTokenExtractor() {
        return ErrorAware200Extractor.INSTANCE;
    }

    @Override
    public OAuth20Service createService(String apiKey, String apiSecret, String callback, String defaultScope,
                                        String responseType, OutputStream debugStream, String userAgent,
                                        HttpClientConfig httpClientConfig, HttpClient httpClient) {
        return new JsonService(this, apiKey, apiSecret, callback, defaultScope, responseType, debugStream, userAgent,
                httpClientConfig, httpClient);
    }

    /** Asks for JSON on the device-code and token calls. */
    private static final class JsonService extends OAuth20Service {
        JsonService(GithubDeviceApi api, String apiKey, String apiSecret, String callback, String defaultScope,
                    String responseType, OutputStream debugStream, String userAgent,
                    HttpClientConfig httpClientConfig, HttpClient httpClient) {
            super(api, apiKey, apiSecret, callback, defaultScope, responseType, debugStream, userAgent,
                    httpClientConfig, httpClient);
        }

        @Override
        protected OAuthRequest createDeviceAuthorizationCodesRequest(String scope) {
            OAuthRequest request = super.createDeviceAuthorizationCodesRequest(scope);
            request.addHeader("Accept", "application/json");
            return request;
        }

        @Override
        protected OAuthRequest createAccessTokenDeviceAuthorizationGrantRequest(DeviceAuthorization authorization) {
            OAuthRequest request = super.createAccessTokenDeviceAuthorizationGrantRequest(authorization);
            request.addHeader("Accept", "application/json");
            return request;
        }
    }

    /** A 200 whose JSON carries {@code error} is an OAuth error response, as any other status would be. */
    private static final class ErrorAware200Extractor extends OAuth2AccessTokenJsonExtractor {
        static final ErrorAware200Extractor INSTANCE = new ErrorAware200Extractor();

        @Override
        public OAuth2AccessToken extract(Response response) throws IOException {
            if (response.getCode() == 200 && carriesError(response.getBody())) {
                generateError(response);
            }
            return super.extract(response);
        }

        private static boolean carriesError(String body) {
            if (body == null || body.isBlank()) {
                return false;
            }
            try {
                return OBJECT_MAPPER.readTree(body).hasNonNull("error");
            } catch (JsonProcessingException e) {
                // Not JSON: the standard extraction reports it.
                return false;
            }
        }
    }
}
