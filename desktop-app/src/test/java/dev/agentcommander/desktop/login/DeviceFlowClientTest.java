package dev.agentcommander.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The device-flow client (ScribeJava) against a local fake GitHub that answers as GitHub does. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeviceFlowClientTest {
    private final FakeGithub github = FakeGithub.start(1);
    /** The waits the client asked for; it does not sleep through them. */
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final DeviceFlowClient client = new DeviceFlowClient(FakeGithub.CLIENT_ID,
            github.deviceAuthorizationUrl(), github.tokenUrl(), pauses::add);

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void pendingTwice_thenSlowDown_thenToken_waitsTheIntervalAndLongerAfterSlowDown() throws Exception {
        DeviceCode code = client.requestCode();
        assertThat(code.userCode()).isEqualTo("WDJB-0001");
        assertThat(code.verificationUri()).isEqualTo(URI.create(github.url() + "/login/device"));
        assertThat(code.interval()).isEqualTo(Duration.ofSeconds(1));
        github.script("authorization_pending", "authorization_pending", "slow_down", "token:gho_ann");

        assertThat(client.awaitAccessToken(code)).isEqualTo("gho_ann");

        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(6));
        FakeGithub.Seen codeRequest = github.seen().get(0);
        assertThat(codeRequest.accept()).isEqualTo("application/json");
        assertThat(codeRequest.form()).containsEntry("client_id", FakeGithub.CLIENT_ID)
                .containsEntry("scope", "user:email");
        assertThat(github.polls()).hasSize(4).allSatisfy(poll -> {
            assertThat(poll.accept()).isEqualTo("application/json");
            assertThat(poll.form()).containsEntry("client_id", FakeGithub.CLIENT_ID)
                    .containsEntry("device_code", "dc-WDJB-0001")
                    .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:device_code")
                    .doesNotContainKey("client_secret");
        });
    }

    @Test
    void anExpiredCode_endsTheFlowAsExpired() throws Exception {
        DeviceCode code = client.requestCode();
        github.script("authorization_pending", "expired_token");

        assertThatThrownBy(() -> client.awaitAccessToken(code)).isInstanceOfSatisfying(DeviceFlowException.class,
                e -> assertThat(e.reason()).isEqualTo(DeviceFlowException.Reason.EXPIRED));
        assertThat(github.polls()).hasSize(2);
    }

    @Test
    void aCancelledSignIn_endsTheFlowAsDenied() throws Exception {
        DeviceCode code = client.requestCode();
        github.script("access_denied");

        assertThatThrownBy(() -> client.awaitAccessToken(code)).isInstanceOfSatisfying(DeviceFlowException.class,
                e -> assertThat(e.reason()).isEqualTo(DeviceFlowException.Reason.DENIED));
    }

    @Test
    void anyOtherError_isARefusalNamingGithubsCode() throws Exception {
        DeviceCode code = client.requestCode();
        github.script("device_flow_disabled");

        assertThatThrownBy(() -> client.awaitAccessToken(code)).isInstanceOfSatisfying(DeviceFlowException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(DeviceFlowException.Reason.REFUSED);
                    assertThat(e.getMessage()).contains("device_flow_disabled");
                });
    }

    @Test
    void githubDown_isUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
        DeviceFlowClient offline = new DeviceFlowClient(FakeGithub.CLIENT_ID,
                URI.create(nowhere + "/login/device/code"), URI.create(nowhere + "/login/oauth/access_token"),
                pauses::add);

        assertThatThrownBy(offline::requestCode).isInstanceOfSatisfying(DeviceFlowException.class,
                e -> assertThat(e.reason()).isEqualTo(DeviceFlowException.Reason.UNREACHABLE));
    }
}
