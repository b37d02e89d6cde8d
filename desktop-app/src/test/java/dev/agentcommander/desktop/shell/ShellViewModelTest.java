package dev.agentcommander.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.desktop.client.AgentLinkState;
import dev.agentcommander.desktop.client.Identity;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.desktop.client.SocketStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class ShellViewModelTest {
    private static final Instant T0 = Instant.parse("2026-01-31T12:00:00Z");

    private final UiExecutor ui = new SameThreadUiExecutor();
    private final ShellViewModel model = new ShellViewModel("Solo", T0);

    @Test
    void disconnectedSocket_countsDownToTheNextAttempt() {
        ui.execute(() -> model.socketStatus(new SocketStatus(SocketStatus.State.DISCONNECTED, T0.plusSeconds(4), "x")));
        assertThat(model.socketTextProperty().get()).isEqualTo("Control plane: disconnected · retrying in 4s");
        assertThat(model.socketLevelProperty().get()).isEqualTo(ShellViewModel.Level.DOWN);

        model.tick(T0.plusMillis(3_500));
        assertThat(model.socketTextProperty().get()).isEqualTo("Control plane: disconnected · retrying in 1s");

        model.tick(T0.plusSeconds(5));
        assertThat(model.socketTextProperty().get()).isEqualTo("Control plane: disconnected · reconnecting…");
    }

    @Test
    void linkStates_readAsText() {
        ui.execute(() -> {
            model.socketStatus(SocketStatus.CONNECTED);
            model.agentLink(AgentLinkState.CONNECTING);
        });

        assertThat(model.socketTextProperty().get()).isEqualTo("Control plane: connected");
        assertThat(model.agentTextProperty().get()).isEqualTo("agentd: connecting…");
        assertThat(model.agentLevelProperty().get()).isEqualTo(ShellViewModel.Level.PENDING);
    }

    @Test
    void aStoreThatDoesNotAnswer_showsTheWarning_untilTheSocketSaysConnectedAgain() {
        ui.execute(() -> model.socketStatus(new SocketStatus(SocketStatus.State.STORE_UNAVAILABLE, null,
                "the database cannot be reached")));
        assertThat(model.socketTextProperty().get()).isEqualTo("Control plane: connected · its database does not answer");
        assertThat(model.socketLevelProperty().get()).isEqualTo(ShellViewModel.Level.PENDING);
        assertThat(model.storeUnavailableProperty().get()).isTrue();

        ui.execute(() -> model.socketStatus(SocketStatus.CONNECTED));
        assertThat(model.storeUnavailableProperty().get()).isFalse();
    }

    @Test
    void ready_saysWhoIsSignedInWithWhichRole_andAnEmaillessSubjectByItsSub() {
        assertThat(model.identityProperty().get()).isEmpty();

        model.ready("http://cp", new Identity("ann@example.com", "ann@example.com", Role.ADMIN));
        assertThat(model.identityProperty().get()).isEqualTo("Signed in as ann@example.com · admin");

        model.ready("http://cp", new Identity("robot-7", null, Role.VIEWER));
        assertThat(model.identityProperty().get()).isEqualTo("Signed in as robot-7 · viewer");
    }
}
