package dev.agentcommander.desktop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.app.ControlPlane;
import dev.agentcommander.server.app.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Thin-client mode against a real control plane (H2 in a temp dir, 127.0.0.1, port 0). */
@Timeout(60)
class RemoteBackendTest {
    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256-0123456789";

    @TempDir
    static Path dataDir;
    private static ControlPlane controlPlane;

    private final WireCodec codec = new WireCodec();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startControlPlane() {
        controlPlane = ControlPlane.start(new ServerConfig(null, SECRET, "127.0.0.1", 0, dataDir));
    }

    @AfterAll
    static void stopControlPlane() {
        if (controlPlane != null) {
            controlPlane.close();
        }
    }

    @Test
    void start_withAValidToken_givesTheControlPlanesEndpoints() throws Exception {
        String token = controlPlane.mintUserToken(Role.VIEWER, "viewer@example.com", Duration.ofMinutes(5));
        RemoteBackend backend = backend(token);
        List<String> progress = new ArrayList<>();

        ControlPlaneEndpoint endpoint = backend.start(progress::add);

        assertThat(endpoint.uiWsUrl()).isEqualTo(URI.create(controlPlane.uiWsUrl()));
        assertThat(endpoint.tokens().current().value()).isEqualTo(token);
        assertThat(new ControlPlaneClient(http, endpoint.httpUrl(), endpoint.tokens(), codec).listSessions()).isEmpty();
        assertThat(progress).containsExactly("Connecting to " + controlPlane.httpUrl() + "…");
        assertThat(backend.modeLabel()).startsWith("Remote · 127.0.0.1:");
    }

    @Test
    void start_withoutAToken_saysWhichVariableToSet() {
        assertThatThrownBy(() -> backend(null).start(step -> { }))
                .isInstanceOfSatisfying(StartupException.class, e -> {
                    assertThat(e.headline()).startsWith("No token for");
                    assertThat(e.hint()).contains(RemoteBackend.TOKEN_ENV, "mint-token");
                });
    }

    @Test
    void start_withATokenSignedElsewhere_saysItWasRefused() {
        String foreign = ControlPlaneTokens.signedWith("another-secret-that-is-long-enough-for-hs256-98765");

        assertThatThrownBy(() -> backend(foreign).start(step -> { }))
                .isInstanceOfSatisfying(StartupException.class, e -> {
                    assertThat(e.detail()).contains("401");
                    assertThat(e.hint()).contains("refused");
                });
    }

    @Test
    void start_againstNothing_saysWhereItLooked() {
        String token = controlPlane.mintUserToken(Role.VIEWER, "viewer@example.com", Duration.ofMinutes(5));
        RemoteBackend backend = new RemoteBackend(URI.create("http://127.0.0.1:1"), token, codec, http);

        assertThatThrownBy(() -> backend.start(step -> { }))
                .isInstanceOfSatisfying(StartupException.class,
                        e -> assertThat(e.hint()).contains("http://127.0.0.1:1"));
    }

    @Test
    void start_withoutAToken_signsInOnce_andTryAgainKeepsTheSignIn() throws Exception {
        List<URI> asked = new ArrayList<>();
        // The sign-in a person would do, as a second real implementation: the control plane mints the token.
        SignIn signIn = auth -> {
            asked.add(auth.baseUrl());
            return AccessToken.fromJwt(controlPlane.mintUserToken(Role.OPERATOR, "op@example.com",
                    Duration.ofMinutes(5)), codec);
        };
        RemoteBackend backend = new RemoteBackend(URI.create(controlPlane.httpUrl()), null, signIn, codec, http);
        List<String> progress = new ArrayList<>();

        ControlPlaneEndpoint first = backend.start(progress::add);
        ControlPlaneEndpoint again = backend.start(step -> { });

        assertThat(asked).containsExactly(URI.create(controlPlane.httpUrl()));
        assertThat(again.tokens()).isSameAs(first.tokens());
        assertThat(new ControlPlaneClient(http, first.httpUrl(), first.tokens(), codec).me().email())
                .isEqualTo("op@example.com");
        assertThat(progress).containsExactly("Connecting to " + controlPlane.httpUrl() + "…",
                "Signing in to " + controlPlane.httpUrl() + "…", "Connecting to " + controlPlane.httpUrl() + "…");
    }

    @Test
    void start_withAToken_neverAsksToSignIn() throws Exception {
        String token = controlPlane.mintUserToken(Role.VIEWER, "viewer@example.com", Duration.ofMinutes(5));
        RemoteBackend backend = new RemoteBackend(URI.create(controlPlane.httpUrl()), token, auth -> {
            throw new AssertionError("asked to sign in although a token was given");
        }, codec, http);

        assertThat(backend.start(step -> { }).tokens().current().value()).isEqualTo(token);
    }

    private RemoteBackend backend(String token) {
        return new RemoteBackend(URI.create(controlPlane.httpUrl()), token, codec, http);
    }
}
