package dev.agentcommander.desktop.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.model.TmuxRef;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class HostsViewModelTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final HostsViewModel model = new HostsViewModel(T0);

    @Test
    void changedHosts_updateTheirLineInPlace_newOnesJoinInNameOrder_andTheSelectionFollowsTheNewRow() {
        model.replaceAll(List.of(host("b", "beta", false), host("a", "alpha", true)));
        model.selectedProperty().set(model.host("b"));

        HostItem line = model.item("b");
        HostRow online = host("b", "beta", true);
        model.changed(List.of(host("c", "gamma", false), online));

        assertThat(model.item("b")).isSameAs(line);
        assertThat(line.row()).isEqualTo(online);

        assertThat(model.hosts()).extracting(HostRow::name).containsExactly("alpha", "beta", "gamma");
        assertThat(model.selectedProperty().get()).isEqualTo(online);
        model.replaceAll(List.of(host("a", "alpha", true)));
        assertThat(model.selectedProperty().get()).isNull();
    }

    @Test
    void sessionCounts_countEachHostsSessionsThatAreNotGone() {
        model.countSessions(List.of(session("1", "a", SessionStatus.RUNNING), session("2", "a", SessionStatus.IDLE),
                session("3", "a", SessionStatus.GONE), session("4", "b", SessionStatus.WAITING_APPROVAL)));
        assertThat(model.sessionCount("a")).isEqualTo(2);
        assertThat(model.sessionCount("b")).isEqualTo(1);

        model.countSessions(List.of(session("4", "b", SessionStatus.GONE)));
        assertThat(model.sessionCount("a")).isZero();
        assertThat(model.sessionCount("b")).isZero();
        assertThat(model.sessionCounts()).isEmpty();
    }

    @Test
    void withoutAConnection_nothingIsAsked_andTheScreenSaysWhy() {
        model.add("build-box");

        assertThat(model.resultProperty().get().ok()).isFalse();
        assertThat(model.resultProperty().get().text()).isEqualTo("Only admins can add hosts or revoke their tokens");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void agentColumn_showsADashUntilTheHostSaidHello_thenItsVersion_andTheRootsInOneLine() {
        HostRow never = host("a", "alpha", false);
        HostRow said = new HostRow("b", "beta", true, T0, 3, T0, "1.4.2", List.of("/home/ann/src", "/srv/repos"));

        assertThat(HostsViewModel.agentVersion(never)).isEqualTo("\u2014");
        assertThat(HostsViewModel.allowedRoots(never)).isEqualTo("\u2014");
        assertThat(HostsViewModel.agentVersion(said)).isEqualTo("1.4.2");
        assertThat(HostsViewModel.allowedRoots(said)).isEqualTo("/home/ann/src, /srv/repos");
    }

    @Test
    void anyHostCanBeRevokedByAnAdmin_notOnlyOnesAddedInThisWindow() {
        HostRow host = host("a", "alpha", true);
        model.replaceAll(List.of(host));
        assertThat(model.canRevoke(host)).isFalse();
        List<String> asked = new ArrayList<>();
        // an admin that answers at once, as the feed does after its REST calls
        model.connected(new HostsViewModel.Admin() {
            @Override
            public void add(String name, Consumer<HostsViewModel.Added> done) {
                done.accept(HostsViewModel.Added.failed("not here"));
            }

            @Override
            public void revokeActive(String hostId, Consumer<HostsViewModel.Revoked> done) {
                asked.add(hostId);
                done.accept(HostsViewModel.Revoked.of(1));
            }
        }, true, "admin");

        assertThat(model.canRevoke(host)).isTrue();
        model.revoke(host);

        assertThat(asked).containsExactly("a");
        assertThat(model.resultProperty().get().ok()).isTrue();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void theAgentSocket_followsTheControlPlanesScheme() {
        assertThat(AgentSetup.agentSocketOf(URI.create("https://cp.example.com/")))
                .hasToString("wss://cp.example.com/v1/agent/ws");
        assertThat(AgentSetup.agentSocketOf(URI.create("http://10.0.0.5:8080")))
                .hasToString("ws://10.0.0.5:8080/v1/agent/ws");
        assertThat(new AgentSetup("h", "ach_x", URI.create("wss://cp.example.com/v1/agent/ws")).loopbackOnly())
                .isFalse();
        assertThat(new AgentSetup("h", "ach_x", URI.create("ws://127.0.0.1:4000/v1/agent/ws")).loopbackOnly())
                .isTrue();
    }

    private static HostRow host(String id, String name, boolean online) {
        return new HostRow(id, name, online, T0, 0, T0);
    }

    private static SessionRow session(String id, String hostId, SessionStatus status) {
        return new SessionRow("session-" + id, hostId, "s" + id, Provider.SHELL, status, false,
                new TmuxRef("%" + id, "main", "0"), "/w", null, null, null, T0, T0, T0);
    }
}
