package dev.agentcommander.agentd.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.testing.MemoryQueue;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionDiscoveryTest {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private TmuxServer server;
    private TmuxRunner tmux;
    private SessionDiscovery discovery;
    private final MemoryQueue queue = new MemoryQueue();

    @AfterEach
    void tearDown() {
        if (discovery != null) {
            discovery.close();
        }
        if (tmux != null) {
            tmux.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void newPanes_appearWithStableIdsTaggedOnThePane() {
        server = TmuxServer.start(dir);
        startDiscovery(queue);
        String first = server.paneIds().get(0);
        SessionRow row = awaitRow(queue, first);
        assertThat(row.provider()).isEqualTo(Provider.SHELL);
        assertThat(row.status()).isEqualTo(SessionStatus.IDLE);
        assertThat(row.statusReason()).startsWith("process: pane_current_command=bash at ");
        assertThat(row.cwd()).isEqualTo(dir.toString());
        assertThat(row.tmux().session()).isEqualTo("main");
        assertThat(row.tmux().window()).isEqualTo("0");
        assertThat(server.sessionTag(first)).isEqualTo(row.sessionId());

        server.tmux("new-window", "-t", "main", "-n", "second");
        server.tmux("split-window", "-t", first);

        await().atMost(WAIT).until(() -> queue.rows().stream().map(SessionRow::sessionId).distinct().count() == 3);
        for (String pane : server.paneIds()) {
            SessionRow paneRow = awaitRow(queue, pane);
            assertThat(server.sessionTag(pane)).isEqualTo(paneRow.sessionId());
        }
        assertThat(queue.rows().stream().filter(r -> r.name().equals("second")).findFirst()).isPresent();
    }

    @Test
    void adoptBeforeStart_asAHookDuringStartUp_announcesThePane() throws Exception {
        server = TmuxServer.start(dir);
        tmux = new TmuxRunner(server.config(100));
        discovery = new SessionDiscovery(tmux, queue, dir, new WireCodec(), POLL);
        String pane = server.paneIds().get(0);

        Pane adopted = discovery.adopt(pane).get(10, TimeUnit.SECONDS);

        assertThat(discovery.announced(adopted.sessionId())).isTrue();
        assertThat(awaitRow(queue, pane).sessionId()).isEqualTo(adopted.sessionId());
    }

    @Test
    void runningCommandAndCwdChange_updateTheRow_andUnchangedPanesAreNotResent() throws Exception {
        server = TmuxServer.start(dir);
        server.tmux("new-window", "-d", "-n", "quiet", "-t", "main");
        String pane = server.paneIds().get(0);
        String quiet = server.paneIds().get(1);
        server.awaitPrompt(pane);
        server.awaitPrompt(quiet); // its window's activity stays put from here on
        startDiscovery(queue);
        String sessionId = awaitRow(queue, pane).sessionId();
        String quietId = awaitRow(queue, quiet).sessionId();

        server.tmux("send-keys", "-t", pane, "sleep 30", "Enter");
        await().atMost(WAIT).until(() -> queue.lastRowOf(sessionId).orElseThrow().status() == SessionStatus.RUNNING);
        SessionRow running = queue.lastRowOf(sessionId).orElseThrow();
        assertThat(running.statusReason()).startsWith("process: pane_current_command=sleep at ");
        assertThat(running.provider()).isEqualTo(Provider.UNKNOWN);

        server.tmux("send-keys", "-t", pane, "C-c", "");
        Path sub = Files.createDirectory(dir.resolve("sub dir"));
        server.tmux("send-keys", "-t", pane, "cd '" + sub + "'", "Enter");
        await().atMost(WAIT).until(() -> sub.toString().equals(queue.lastRowOf(sessionId).orElseThrow().cwd())
                && queue.lastRowOf(sessionId).orElseThrow().status() == SessionStatus.IDLE);

        assertThat(queue.rows().stream().filter(row -> row.sessionId().equals(quietId))).hasSize(1);
    }

    @Test
    void killedPane_isReportedGoneOnce() {
        server = TmuxServer.start(dir);
        server.tmux("split-window", "-t", "main");
        startDiscovery(queue);
        List<String> panes = server.paneIds();
        String victim = panes.get(1);
        String sessionId = awaitRow(queue, victim).sessionId();
        awaitRow(queue, panes.get(0));

        server.tmux("kill-pane", "-t", victim);

        await().atMost(WAIT).until(() -> queue.lastRowOf(sessionId).orElseThrow().status() == SessionStatus.GONE);
        assertThat(queue.lastRowOf(sessionId).orElseThrow().statusReason()).contains("no longer exists");
        server.tmux("new-window", "-t", "main"); // more polls with changes
        await().atMost(WAIT).until(() -> queue.rows().stream().map(SessionRow::sessionId).distinct().count() == 3);
        assertThat(queue.rows().stream().filter(r -> r.sessionId().equals(sessionId)
                && r.status() == SessionStatus.GONE)).hasSize(1);
    }

    @Test
    void restart_onTheSameTmuxServer_keepsSessionIds_andReportsPanesThatVanishedMeanwhile() {
        server = TmuxServer.start(dir);
        server.tmux("split-window", "-t", "main");
        startDiscovery(queue);
        List<String> panes = server.paneIds();
        String keptId = awaitRow(queue, panes.get(0)).sessionId();
        String lostId = awaitRow(queue, panes.get(1)).sessionId();
        discovery.close();
        server.tmux("kill-pane", "-t", panes.get(1));

        MemoryQueue afterRestart = new MemoryQueue();
        startDiscovery(afterRestart);

        await().atMost(WAIT).until(() -> afterRestart.lastRowOf(lostId).isPresent()
                && afterRestart.lastRowOf(keptId).isPresent());
        assertThat(afterRestart.lastRowOf(keptId).orElseThrow().tmux().paneId()).isEqualTo(panes.get(0));
        assertThat(afterRestart.lastRowOf(keptId).orElseThrow().status()).isEqualTo(SessionStatus.IDLE);
        assertThat(afterRestart.lastRowOf(lostId).orElseThrow().status()).isEqualTo(SessionStatus.GONE);
        assertThat(((SessionsUpsert) afterRestart.messages().get(0)).sessions()).hasSize(2);
    }

    @Test
    void windowNameAndPathWithNewlines_areReadExactly() throws Exception {
        Path weird = Files.createDirectory(dir.resolve("we\u001fird\nline|~|dir"));
        server = TmuxServer.start(dir);
        server.tmux("new-window", "-t", "main", "-n", "name\nwith newline", "-c", weird.toString());
        startDiscovery(queue);

        await().atMost(WAIT).until(() -> queue.rows().stream().map(SessionRow::sessionId).distinct().count() == 2);
        SessionRow row = queue.rows().stream().filter(r -> r.tmux().window().equals("1")).findFirst().orElseThrow();
        assertThat(row.name()).isEqualTo("name\nwith newline");
        assertThat(row.cwd()).isEqualTo(weird.toString());
    }

    @Test
    void tmuxServerNotRunningYet_keepsPolling_andFindsPanesOnceItStarts() {
        server = TmuxServer.notStarted();
        startDiscovery(queue);
        await().during(Duration.ofMillis(400)).atMost(WAIT).until(() -> queue.messages().isEmpty());

        server.startNow(dir);

        awaitRow(queue, server.paneIds().get(0));
    }

    @Test
    void failedAppend_isRetriedAtTheNextPoll() {
        server = TmuxServer.start(dir);
        queue.failAppends(true);
        startDiscovery(queue);
        await().during(Duration.ofMillis(400)).atMost(WAIT).until(() -> queue.messages().isEmpty());

        queue.failAppends(false);

        awaitRow(queue, server.paneIds().get(0));
    }

    private void startDiscovery(MemoryQueue target) {
        if (tmux == null) {
            tmux = new TmuxRunner(server.config(100));
        }
        discovery = new SessionDiscovery(tmux, target, dir, new WireCodec(), POLL);
        discovery.start();
    }

    private static SessionRow awaitRow(MemoryQueue queue, String paneId) {
        await().atMost(WAIT).until(() -> queue.lastRowOfPane(paneId).isPresent());
        return queue.lastRowOfPane(paneId).orElseThrow();
    }
}
