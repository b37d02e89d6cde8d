package dev.agentcommander.agentd.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.channel.LinkState;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.config.ControlPlaneConfig;
import dev.agentcommander.agentd.config.GitConfig;
import dev.agentcommander.agentd.config.HooksConfig;
import dev.agentcommander.agentd.config.ProvidersConfig;
import dev.agentcommander.agentd.config.StorageConfig;
import dev.agentcommander.agentd.testing.FakeControlPlane;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.MessageType;
import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.agent.CommandsResult;
import dev.agentcommander.schema.agent.SessionsSnapshot;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.command.ConsoleSubscribe;
import dev.agentcommander.schema.command.ConsoleUnsubscribe;
import dev.agentcommander.schema.command.SendInput;
import dev.agentcommander.schema.model.SessionRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A whole agentd wired up: commands and console frames over a real WebSocket to a second control plane. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AgentdCommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void commandsAndConsole_travelOverTheLink_andADroppedLinkOrCloseStopsThePipe() throws Exception {
        try (FakeControlPlane cp = FakeControlPlane.started(); TmuxServer tmux = TmuxServer.start(dir)) {
            String pane = tmux.paneIds().get(0);
            tmux.awaitPrompt(pane);
            Path tokenFile = Files.writeString(dir.resolve("host.token"), "ach_x_y\n");
            AgentConfig config = new AgentConfig(new ControlPlaneConfig(List.of(cp.url()), tokenFile),
                    tmux.config(100), new StorageConfig(dir.resolve("state")), ProvidersConfig.defaults(),
                    HooksConfig.defaults(), new GitConfig(5000));
            try (Agentd agentd = Agentd.start(config)) {
                String sessionId = await().atMost(WAIT).until(() -> sessionOf(cp, pane), Optional::isPresent)
                        .orElseThrow();

                cp.send(new Command("cmd-1", sessionId, new ConsoleSubscribe("console-1")));
                await().atMost(WAIT).until(() -> !frames(cp, MessageType.SESSIONS_SNAPSHOT).isEmpty());
                assertThat(pipe(tmux, pane)).isEqualTo("1");
                cp.send(new Command("cmd-2", sessionId, new SendInput("echo over-the-link", true)));

                await().atMost(WAIT).until(() -> result(cp, "cmd-2").isPresent());
                assertThat(result(cp, "cmd-2").orElseThrow().ok()).isTrue();
                await().atMost(WAIT).until(() -> consoleText(cp).contains("over-the-link\r\n"));
                SessionsSnapshot snapshot = frames(cp, MessageType.SESSIONS_SNAPSHOT).get(0)
                        .payloadAs(SessionsSnapshot.class);
                assertThat(snapshot.subscriptionId()).isEqualTo("console-1");
                assertThat(result(cp, "cmd-1")).as("a console command that works sends no result").isEmpty();

                cp.send(new Command("cmd-3", sessionId, new ConsoleUnsubscribe("console-1")));
                await().atMost(WAIT).until(() -> pipe(tmux, pane).equals("0"));

                cp.send(new Command("cmd-4", sessionId, new ConsoleSubscribe("console-2")));
                await().atMost(WAIT).until(() -> pipe(tmux, pane).equals("1"));
                cp.dropConnection();
                await().atMost(WAIT).until(() -> pipe(tmux, pane).equals("0"));
                await().atMost(WAIT).until(() -> agentd.linkState() == LinkState.CONNECTED);
                cp.send(new Command("cmd-5", sessionId, new ConsoleSubscribe("console-3")));
                await().atMost(WAIT).until(() -> pipe(tmux, pane).equals("1"));
            }
            assertThat(pipe(tmux, pane)).as("closing agentd stops its pipes").isEqualTo("0");
        }
    }

    private static String pipe(TmuxServer tmux, String pane) {
        return tmux.tmux("display-message", "-p", "-t", pane, "#{pane_pipe}");
    }

    private static Optional<String> sessionOf(FakeControlPlane cp, String pane) {
        return cp.stored().stream().filter(e -> e.type() == MessageType.SESSIONS_UPSERT)
                .flatMap(e -> e.payloadAs(SessionsUpsert.class).sessions().stream())
                .filter(row -> row.tmux() != null && pane.equals(row.tmux().paneId()))
                .map(SessionRow::sessionId).findFirst();
    }

    private static Optional<CommandsResult> result(FakeControlPlane cp, String commandId) {
        return cp.stored().stream().filter(e -> e.type() == MessageType.COMMANDS_RESULT)
                .map(e -> e.payloadAs(CommandsResult.class)).filter(r -> r.commandId().equals(commandId)).findFirst();
    }

    private static List<Envelope> frames(FakeControlPlane cp, MessageType type) {
        return cp.connections().stream().flatMap(List::stream).filter(e -> e.type() == type).toList();
    }

    private static String consoleText(FakeControlPlane cp) {
        return frames(cp, MessageType.CONSOLE_CHUNK).stream().map(e -> e.payloadAs(ConsoleChunk.class))
                .map(chunk -> new String(Base64.getDecoder().decode(chunk.data()), StandardCharsets.UTF_8))
                .collect(Collectors.joining());
    }
}
