package dev.agentcommander.desktop.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.desktop.client.AccessToken;
import dev.agentcommander.desktop.client.ControlPlaneClient;
import dev.agentcommander.desktop.client.HostTokenInfo;
import dev.agentcommander.desktop.client.Identity;
import dev.agentcommander.desktop.sessions.ActionResult;
import dev.agentcommander.desktop.shell.Connection;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.app.ControlPlane;
import dev.agentcommander.server.app.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hosts view model on a real control plane through the feed's REST calls (run on the calling thread here):
 * what an admin gets when adding and revoking, and what a 403 says where it was asked.
 */
@Timeout(60)
class HostsFeedTest {
    private static final String SECRET = "hosts-feed-test-secret-0123456789abcdef";

    @TempDir
    Path dir;

    private final WireCodec codec = new WireCodec();
    private ControlPlane controlPlane;

    @BeforeEach
    void start() {
        controlPlane = ControlPlane.start(new ServerConfig(null, SECRET, "127.0.0.1", 0, dir.resolve("cp")));
    }

    @AfterEach
    void stop() {
        controlPlane.close();
    }

    @Test
    void anAdminAddsAHost_andGetsItsTokenOnceWithAConfigTheAgentdReaderTakes_thenRevokesIt() throws Exception {
        HostsViewModel model = model(Role.ADMIN);

        model.add("  build-box ");

        AgentSetup setup = model.setupProperty().get();
        assertThat(model.resultProperty().get()).isEqualTo(ActionResult.ok(
                "Host build-box added. Its token is shown below once: save it now."));
        assertThat(setup.hostName()).isEqualTo("build-box");
        assertThat(setup.token()).startsWith("ach_");
        assertThat(setup.agentWsUrl()).hasToString(controlPlane.agentWsUrl());
        assertThat(setup.loopbackOnly()).isTrue();
        HostRow host = model.selectedProperty().get();
        assertThat(host.name()).isEqualTo("build-box");
        assertThat(model.hosts()).containsExactly(host);
        Path config = Files.writeString(Files.createDirectories(dir.resolve("agentd")).resolve("config.yaml"),
                setup.configYaml());
        AgentConfig read = AgentConfig.load(config);
        assertThat(read.controlPlane().urls()).containsExactly(controlPlane.agentWsUrl());
        assertThat(read.controlPlane().tokenFile()).isEqualTo(dir.resolve("agentd/host.token"));
        assertThat(model.canRevoke(host)).isTrue();

        model.revoke(host);

        assertThat(model.resultProperty().get().ok()).isTrue();
        assertThat(model.setupProperty().get()).isNull();
        model.revoke(host);
        assertThat(model.resultProperty().get()).isEqualTo(ActionResult.failed(
                "build-box has no active token: nothing was revoked"));
    }

    @Test
    void revoke_reachesEveryActiveTokenOfAHostMintedElsewhere_andLeavesOtherHostsAlone() throws Exception {
        ControlPlaneClient elsewhere = client(Role.ADMIN);
        HostRow host = elsewhere.createHost("minted-elsewhere");
        HostRow other = elsewhere.createHost("other");
        elsewhere.mintHostToken(host.hostId());
        elsewhere.mintHostToken(host.hostId());
        elsewhere.mintHostToken(other.hostId());
        HostsViewModel model = model(Role.ADMIN);
        model.replaceAll(elsewhere.listHosts());
        assertThat(model.canRevoke(model.host(host.hostId()))).isTrue();

        model.revoke(model.host(host.hostId()));

        assertThat(model.resultProperty().get()).isEqualTo(ActionResult.ok("Revoked all 2 tokens of minted-elsewhere: its "
                + "agentd is disconnected and cannot connect again until an admin mints a new token"));
        assertThat(elsewhere.listHostTokens(host.hostId())).hasSize(2).noneMatch(HostTokenInfo::active);
        assertThat(elsewhere.listHostTokens(other.hostId())).singleElement().matches(HostTokenInfo::active);
    }

    @Test
    void aNameTakenAlready_saysSoWhereItWasAsked() throws Exception {
        HostsViewModel model = model(Role.ADMIN);
        model.add("laptop");

        model.add("laptop");

        assertThat(model.resultProperty().get()).isEqualTo(ActionResult.failed(
                "Host laptop was not added: A host named 'laptop' already exists"));
    }

    @Test
    void anOperatorIsNotOfferedAdding_andA403StillSaysWhatHappened() throws Exception {
        HostsViewModel notAdmin = new HostsViewModel(Instant.now());
        HostsFeed feed = feed(Role.OPERATOR, notAdmin);
        notAdmin.connected(feed, false, "operator");
        notAdmin.add("build-box");
        assertThat(notAdmin.resultProperty().get()).isEqualTo(ActionResult.failed(
                "Only admins can add hosts or revoke their tokens; you are signed in as operator"));

        // A window that still believes it is an admin's (its role was lowered since): the control plane's 403.
        HostsViewModel stale = new HostsViewModel(Instant.now());
        stale.connected(feed(Role.OPERATOR, stale), true, "admin");
        stale.add("build-box");

        assertThat(stale.resultProperty().get().ok()).isFalse();
        assertThat(stale.resultProperty().get().text()).startsWith("Host build-box was not added: Your role may not "
                + "do this: ");
        assertThat(stale.setupProperty().get()).isNull();
    }

    private HostsViewModel model(Role role) {
        HostsViewModel model = new HostsViewModel(Instant.now());
        model.connected(feed(role, model), role == Role.ADMIN, role.toString());
        return model;
    }

    private ControlPlaneClient client(Role role) {
        String token = controlPlane.mintUserToken(role, role + "@example.com", Duration.ofMinutes(5));
        AccessToken access = AccessToken.fromJwt(token, codec);
        return new ControlPlaneClient(HttpClient.newHttpClient(), URI.create(controlPlane.httpUrl()), () -> access,
                codec);
    }

    private HostsFeed feed(Role role, HostsViewModel model) {
        ControlPlaneClient client = client(role);
        Connection connection = new Connection(null, client, new Identity(role + "@example.com",
                role + "@example.com", role), Runnable::run);
        return new HostsFeed(connection, model, Runnable::run);
    }
}
