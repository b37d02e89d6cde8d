package dev.agentcommander.desktop.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.app.Agentd;
import dev.agentcommander.agentd.channel.LinkState;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.desktop.console.AppUnderTest;
import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.shell.DesktopApp;
import dev.agentcommander.schema.model.HostRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The real app in solo mode (embedded control plane, its agentd, a private tmux server): the local host is listed
 * online with its sessions; a host added from the screen gets a token and a config.yaml that the real agentd config
 * reader takes and a second real agentd connects with; revoking its token from the screen closes that agentd's
 * link and the host shows offline.
 */
@Timeout(240)
class HostsScreenTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @RegisterExtension
    static final AppUnderTest APP = new AppUnderTest();

    private final TmuxServer remoteTmux = TmuxServer.notStarted();
    private final FxRobot robot = APP.robot();
    private DesktopApp app;
    private Agentd remote;

    @AfterEach
    void stopTheRemoteHost() {
        try {
            if (remote != null) {
                remote.close();
            }
        } finally {
            remoteTmux.close();
        }
    }

    @Test
    void theLocalHostIsOnlineWithItsSessions_andAnAddedHostConnectsWithTheShownConfig_untilItsTokenIsRevoked()
            throws Exception {
        Path project = Files.createDirectories(work.resolve("api")).toRealPath();
        APP.shell("api", project);
        app = APP.startSolo(dataDir);
        APP.window().awaitRow(project);
        HostsViewModel hosts = app.workspace().hosts().model();

        shortcut(KeyCode.J);
        await().atMost(WAIT).until(() -> onFx(() -> HostsScreen.TAB_ID.equals(
                app.workspace().tabs().getSelectionModel().getSelectedItem().getId())));
        HostRow local = await().atMost(WAIT).until(() -> onFx(() -> hosts.hosts().size() == 1
                && hosts.sessionCount(hosts.hosts().get(0).hostId()) == 1 ? hosts.hosts().get(0) : null),
                row -> row != null && row.online());
        assertThat(onFx(() -> List.copyOf(table().getItems()))).extracting(HostItem::hostId)
                .containsExactly(local.hostId());
        // the local agentd's hello: its version in the Agent column, its allowed roots beside it
        await().atMost(WAIT).until(() -> onFx(() -> !HostsViewModel.NO_AGENT.equals(cell(HostsView.AGENT_COLUMN_ID,
                local.hostId()))));
        assertThat(onFx(() -> cell(HostsView.ROOTS_COLUMN_ID, local.hostId()))).isNotEqualTo(HostsViewModel.NO_AGENT);

        await().atMost(WAIT).until(() -> onFx(() -> table().isFocused()));
        shortcut(KeyCode.N);
        TextField name = robot.lookup("#" + HostsView.NAME_ID).queryAs(TextField.class);
        await().atMost(WAIT).until(() -> onFx(name::isFocused));
        robot.write("build-box");
        robot.type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#" + HostsView.SETUP_ID).query().isVisible()));
        String token = onFx(() -> robot.lookup("#" + HostsView.TOKEN_ID).queryAs(TextField.class).getText());
        String config = onFx(() -> robot.lookup("#" + HostsView.CONFIG_ID).queryAs(TextArea.class).getText());
        String commands = onFx(() -> robot.lookup("#" + HostsView.COMMANDS_ID).queryAs(TextArea.class).getText());
        assertThat(token).startsWith("ach_");
        assertThat(commands).contains("'" + token + "'").contains("agentd.jar run --config ~/.config/agentd/config.yaml");
        assertThat(onFx(() -> robot.lookup("#" + HostsView.RESULT_ID).queryAs(Label.class).getText()))
                .startsWith("Host build-box added.");
        String buildBox = onFx(() -> byName(hosts, "build-box").orElseThrow().hostId());
        assertThat(onFx(() -> cell(HostsView.AGENT_COLUMN_ID, buildBox))).isEqualTo(HostsViewModel.NO_AGENT);

        // What the shown commands do on the host: the config and, beside it, the token.
        Path configDir = Files.createDirectories(work.resolve("agentd-config"));
        Files.writeString(configDir.resolve("config.yaml"), config);
        Files.writeString(configDir.resolve("host.token"), token + "\n");
        AgentConfig pasted = AgentConfig.load(configDir.resolve("config.yaml"));
        assertThat(pasted.controlPlane().tokenFile()).isEqualTo(configDir.resolve("host.token"));
        assertThat(pasted.storage().stateDir()).isEqualTo(configDir.resolve("state"));
        assertThat(pasted.tmux().socket()).isEmpty();
        // Only the tmux server differs: a test must not watch the machine's default one.
        Path remoteWork = Files.createDirectories(work.resolve("remote")).toRealPath();
        remoteTmux.startNow(remoteWork);
        remote = Agentd.start(new AgentConfig(pasted.controlPlane(), remoteTmux.config(200), pasted.storage(),
                pasted.providers(), pasted.hooks(), pasted.git(), pasted.workspaces()));
        List<LinkState> remoteLink = new CopyOnWriteArrayList<>();
        remote.addLinkListener(remoteLink::add);

        HostRow added = await().atMost(WAIT).until(() -> onFx(() -> byName(hosts, "build-box")),
                row -> row.isPresent() && row.get().online() && hosts.sessionCount(row.get().hostId()) == 1).orElseThrow();
        await().atMost(WAIT).until(() -> remote.linkState() == LinkState.CONNECTED);
        remoteLink.clear();
        await().atMost(WAIT).until(() -> onFx(() -> cell(HostsView.ROOTS_COLUMN_ID, added.hostId())),
                roots -> roots.equals(String.join(", ", pasted.workspaces().allowedRoots().stream()
                        .map(Path::toString).toList())));
        assertThat(onFx(() -> cell(HostsView.AGENT_COLUMN_ID, added.hostId()))).isNotEqualTo(HostsViewModel.NO_AGENT);
        assertThat(onFx(() -> table().getItems().stream().map(HostItem::row).toList())).extracting(HostRow::name)
                .containsExactlyInAnyOrder("build-box", local.name());

        onFx(() -> {
            hosts.selectedProperty().set(hosts.host(added.hostId()));
            table().requestFocus();
            return null;
        });
        await().atMost(WAIT).until(() -> onFx(() -> table().isFocused()));
        shortcut(KeyCode.R);
        await().atMost(WAIT).until(() -> onFx(() -> {
            Label question = robot.lookup("#" + HostsView.REVOKE_QUESTION_ID).queryAs(Label.class);
            return question.getParent().isVisible() && question.getText().startsWith("Revoke every active token of build-box?");
        }));
        robot.type(KeyCode.ENTER);

        await().atMost(WAIT).until(() -> remoteLink.contains(LinkState.DISCONNECTED));
        await().atMost(WAIT).until(() -> onFx(() -> byName(hosts, "build-box")),
                row -> row.isPresent() && !row.get().online());
        assertThat(remote.linkState()).isNotEqualTo(LinkState.CONNECTED);
        assertThat(onFx(() -> robot.lookup("#" + HostsView.RESULT_ID).queryAs(Label.class).getText()))
                .isEqualTo("Revoked the token of build-box: its agentd is disconnected and cannot connect again until "
                        + "an admin mints a new token");
        assertThat(onFx(() -> robot.lookup("#" + HostsView.SETUP_ID).query().isVisible())).isFalse();
        assertThat(onFx(() -> byName(hosts, local.name()).orElseThrow().online())).isTrue();
    }

    private void shortcut(KeyCode key) {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, key).release(key, KeyCode.SHIFT, KeyCode.CONTROL);
    }

    private static Optional<HostRow> byName(HostsViewModel hosts, String name) {
        return hosts.hosts().stream().filter(row -> row.name().equals(name)).findFirst();
    }

    /** What the column of {@code columnId} shows on the line of {@code hostId}. */
    private String cell(String columnId, String hostId) {
        TableView<HostItem> table = table();
        for (TableColumn<HostItem, ?> column : table.getColumns()) {
            if (columnId.equals(column.getId())) {
                return String.valueOf(column.getCellData(table.getItems().indexOf(
                        app.workspace().hosts().model().item(hostId))));
            }
        }
        throw new AssertionError("no column " + columnId);
    }

    @SuppressWarnings("unchecked")
    private TableView<HostItem> table() {
        return robot.lookup("#" + HostsView.TABLE_ID).queryAs(TableView.class);
    }

    private static <T> T onFx(Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
