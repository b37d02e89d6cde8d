package dev.agentcommander.agentd.command;

import java.time.Clock;
import dev.agentcommander.agentd.jobs.CodexJobs;
import dev.agentcommander.agentd.config.CodexConfig;
import dev.agentcommander.agentd.config.WorkspacesConfig;
import dev.agentcommander.agentd.workspace.Workspaces;
import dev.agentcommander.agentd.workspace.WorktreeSessions;
import dev.agentcommander.agentd.config.ProvidersConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.console.ConsoleStreams;
import dev.agentcommander.agentd.discovery.SessionDiscovery;
import dev.agentcommander.agentd.testing.MemoryQueue;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.agent.CommandsResult;
import dev.agentcommander.schema.command.AdoptPane;
import dev.agentcommander.schema.command.CleanupSession;
import dev.agentcommander.schema.command.CommandBody;
import dev.agentcommander.schema.command.Interrupt;
import dev.agentcommander.schema.command.KillSession;
import dev.agentcommander.schema.command.RenameSession;
import dev.agentcommander.schema.command.SendInput;
import dev.agentcommander.schema.command.SendKeys;
import dev.agentcommander.schema.command.SpawnJob;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every part-A command on a real pane of a private tmux server. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Shell and tmux metacharacters, a leading dash, a trailing semicolon and non-ASCII text. */
    private static final String NASTY = "-n ; $HOME \"'\\ {} #{pane_id} %1 \\; C-c Enter `id` $(id) é ✓ ends;";

    @TempDir
    Path dir;

    private final WireCodec codec = new WireCodec();
    private final MemoryQueue queue = new MemoryQueue();
    private TmuxServer server;
    private TmuxRunner tmux;
    private SessionDiscovery discovery;
    private ConsoleStreams consoles;
    private Commands commands;
    private CodexJobs jobs;
    private String pane;
    private String sessionId;

    @BeforeEach
    void setUp() {
        server = TmuxServer.start(dir);
        tmux = new TmuxRunner(server.config(100));
        discovery = new SessionDiscovery(tmux, queue, dir, codec, Duration.ofMillis(100));
        discovery.start();
        consoles = new ConsoleStreams(tmux, dir.resolve("console"), message -> true);
        Workspaces workspaces = new Workspaces(new WorkspacesConfig(List.of(dir), null), dir.resolve("state"));
        jobs = new CodexJobs(new CodexConfig(dir.resolve("no-such-codex").toString()), workspaces,
                dir.resolve("state"), queue, codec.mapper(), Clock.systemUTC());
        commands = new Commands(tmux, discovery, consoles, jobs, new WorktreeSessions(tmux, discovery, workspaces,
                ProvidersConfig.defaults(), codec.mapper()), queue, codec, receivedCommands());
        pane = server.paneIds().get(0);
        server.awaitPrompt(pane);
        sessionId = awaitRow(pane).sessionId();
    }

    @AfterEach
    void tearDown() {
        commands.close();
        jobs.close();
        consoles.close();
        discovery.close();
        tmux.close();
        server.close();
    }

    @Test
    void sendInput_typesTextFullOfMetacharactersLiterally_thenEnter() throws Exception {
        Path out = dir.resolve("typed.txt");
        server.tmux("send-keys", "-t", pane, "cat > " + out, "Enter");
        await().atMost(WAIT).until(() -> currentCommand(pane).equals("cat"));

        CommandsResult result = run(sessionId, new SendInput(NASTY, true));
        server.tmux("send-keys", "-t", pane, "C-d");

        assertThat(result.ok()).as(result.error()).isTrue();
        assertThat(result.result().path("pane_id").asText()).isEqualTo(pane);
        await().atMost(WAIT).until(() -> currentCommand(pane).equals("bash"));
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(NASTY + "\n");
        assertThat(server.tmux("capture-pane", "-p", "-J", "-t", pane)).contains(NASTY);
    }

    @Test
    void aCommandSentAgain_runsOnce_andAfterARestartIsAnsweredNotRunAgain() throws Exception {
        Path out = dir.resolve("runs.txt");
        Command command = new Command(UUID.randomUUID().toString(), sessionId,
                new SendInput("echo ran >> " + out, true));

        commands.handle(command);
        commands.handle(command); // the control plane resends what a dropped connection left unanswered
        await().atMost(WAIT).until(() -> Files.exists(out) && Files.readAllLines(out).size() == 1);
        await().atMost(WAIT).until(() -> result(command.commandId()).isPresent());
        commands.close();
        commands = new Commands(tmux, discovery, consoles, jobs, new WorktreeSessions(tmux, discovery,
                new Workspaces(new WorkspacesConfig(List.of(dir), null), dir.resolve("state")),
                ProvidersConfig.defaults(), codec.mapper()), queue, codec, receivedCommands());
        commands.handle(command); // the same id after agentd restarted

        await().atMost(WAIT).until(() -> queue.messages().stream().filter(CommandsResult.class::isInstance)
                .map(CommandsResult.class::cast).filter(r -> r.commandId().equals(command.commandId())).count() == 2);
        CommandsResult again = queue.messages().stream().filter(CommandsResult.class::isInstance)
                .map(CommandsResult.class::cast).filter(r -> r.commandId().equals(command.commandId()))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(again.ok()).isFalse();
        assertThat(again.error()).startsWith("not run again: agentd received it before a restart");
        assertThat(result(command.commandId()).orElseThrow().ok()).isTrue();
        assertThat(Files.readAllLines(out)).hasSize(1);
    }

    @Test
    void sendInput_withoutEnter_leavesTheTextOnThePromptLine_andLongTextArrivesWhole() throws Exception {
        Path out = dir.resolve("long.txt");
        server.tmux("send-keys", "-t", pane, "cat > " + out, "Enter");
        await().atMost(WAIT).until(() -> currentCommand(pane).equals("cat"));
        // Several send-keys calls; lines stay below the terminal's 4095-byte canonical line limit.
        String longLine = ("ab;é \\ ".repeat(15) + "end;\n").repeat(99) + "last;";
        assertThat(PaneInput.parts(longLine)).hasSizeGreaterThan(2).allMatch(part -> part.length() <= 4000);
        assertThat(String.join("", PaneInput.parts(longLine))).isEqualTo(longLine);
        assertThat(PaneInput.parts("a".repeat(3999) + "\uD83D\uDE00")).containsExactly("a".repeat(3999),
                "\uD83D\uDE00");

        assertThat(run(sessionId, new SendInput(longLine, false)).ok()).isTrue();
        assertThat(run(sessionId, new SendKeys(List.of("Enter", "C-d"))).ok()).isTrue();

        await().atMost(WAIT).until(() -> currentCommand(pane).equals("bash"));
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(longLine + "\n");
    }

    @Test
    void sendKeys_pressesNamedKeys_andRejectsAnUnknownKeyByName_withoutTypingAnything() {
        assertThat(run(sessionId, new SendInput("echo one-$((40+2))", false)).ok()).isTrue();
        CommandsResult pressed = run(sessionId, new SendKeys(List.of("Space", "BSpace", "Enter")));
        assertThat(pressed.ok()).as(pressed.error()).isTrue();
        await().atMost(WAIT).until(() -> server.tmux("capture-pane", "-p", "-t", pane).contains("one-42"));

        CommandsResult rejected = run(sessionId, new SendKeys(List.of("Up", "Enter;", "Enter")));

        assertThat(rejected.ok()).isFalse();
        assertThat(rejected.error()).startsWith("unknown key 'Enter;'").contains("send_input");
        assertThat(KeyNames.valid("C-c")).isTrue();
        assertThat(KeyNames.valid("M-Up")).isTrue();
        assertThat(KeyNames.valid("F12")).isTrue();
        assertThat(KeyNames.valid("C-C")).isFalse();
        assertThat(KeyNames.valid("F13")).isFalse();
        assertThat(KeyNames.valid("Enter Enter")).isFalse();
    }

    @Test
    void interrupt_sendsCtrlCToAShellCommand() {
        run(sessionId, new SendInput("sleep 1000", true));
        await().atMost(WAIT).until(() -> currentCommand(pane).equals("sleep"));

        CommandsResult result = run(sessionId, new Interrupt());

        assertThat(result.ok()).as(result.error()).isTrue();
        assertThat(result.result().path("key").asText()).isEqualTo("C-c");
        await().atMost(WAIT).until(() -> currentCommand(pane).equals("bash"));
    }

    @Test
    void interrupt_sendsEscapeToACodexOrClaudePane() throws Exception {
        Path codex = Files.createSymbolicLink(dir.resolve("codex"), Path.of("/bin/sleep"));
        run(sessionId, new SendInput(codex + " 1000", true));
        await().atMost(WAIT).until(() -> currentCommand(pane).equals("codex"));

        CommandsResult result = run(sessionId, new Interrupt());

        assertThat(result.ok()).as(result.error()).isTrue();
        assertThat(result.result().path("key").asText()).isEqualTo("Escape");
    }

    @Test
    void renameSession_storesTheNameOnThePane_andTheNextUpsertCarriesIt() {
        CommandsResult result = run(sessionId, new RenameSession("fix the build; #{now}"));

        assertThat(result.ok()).as(result.error()).isTrue();
        assertThat(server.tmux("display-message", "-p", "-t", pane, "#{@ac_name}")).isEqualTo("fix the build; #{now}");
        await().atMost(WAIT).until(() -> queue.lastRowOf(sessionId).map(SessionRow::name)
                .equals(Optional.of("fix the build; #{now}")));
    }

    @Test
    void killSession_killsThePane_andTheSessionGoesGone() {
        server.tmux("new-window", "-d", "-t", "main");
        CommandsResult result = run(sessionId, new KillSession());

        assertThat(result.ok()).as(result.error()).isTrue();
        assertThat(server.paneIds()).doesNotContain(pane);
        await().atMost(WAIT).until(() -> queue.lastRowOf(sessionId).map(SessionRow::status)
                .equals(Optional.of(SessionStatus.GONE)));
    }

    @Test
    void adoptPane_answersWithThePanesSessionIdAndProvider_andRejectsUnknownOrInvalidPanes() {
        String other = server.tmux("split-window", "-t", pane, "-P", "-F", "#{pane_id}");

        CommandsResult adopted = run(null, new AdoptPane(other));

        assertThat(adopted.ok()).as(adopted.error()).isTrue();
        assertThat(adopted.result().path("session_id").asText()).isEqualTo(server.sessionTag(other)).isNotBlank();
        assertThat(adopted.result().path("provider").asText()).isIn("shell", "unknown");
        assertThat(run(null, new AdoptPane(other)).result().path("session_id").asText())
                .isEqualTo(adopted.result().path("session_id").asText());
        CommandsResult unknown = run(null, new AdoptPane("%999"));
        assertThat(unknown.ok()).isFalse();
        assertThat(unknown.error()).isEqualTo("no pane %999 on this host's tmux server");
        CommandsResult invalid = run(null, new AdoptPane("main:0"));
        assertThat(invalid.ok()).isFalse();
        assertThat(invalid.error()).startsWith("invalid pane_id 'main:0'");
    }

    @Test
    void unknownSession_badJobs_andCleanupOfAPaneNotSpawnedByAgentd_failWithAClearError() throws Exception {
        CommandsResult unknown = run("6f1c1d0e-8f0a-4a57-9a43-000000000000", new SendInput("hi", true));
        assertThat(unknown.ok()).isFalse();
        assertThat(unknown.error()).startsWith("unknown session 6f1c1d0e-8f0a-4a57-9a43-000000000000");

        assertThat(run(null, new SpawnJob("relative/dir", "do it", null)).error())
                .isEqualTo("cwd must be an absolute path, was 'relative/dir'");
        assertThat(run(null, new SpawnJob(dir.resolve("missing").toString(), "do it", null)).error())
                .isEqualTo("cwd " + dir.resolve("missing") + " does not exist on this host");
        assertThat(run(null, new SpawnJob("/etc", "do it", null)).error())
                .startsWith("cwd /etc is outside the directories agentd may work in").endsWith("(workspaces.allowed_roots)");
        Path inside = Files.createDirectories(dir.resolve("work"));
        CommandsResult noCodex = run(null, new SpawnJob(inside.toString(), "do it", null));
        assertThat(noCodex.ok()).isFalse();
        assertThat(noCodex.error()).startsWith("cannot start codex (providers.codex.exec_path '"
                + dir.resolve("no-such-codex") + "')");
        CommandsResult cleanup = run(sessionId, new CleanupSession(false));
        assertThat(cleanup.error()).isEqualTo("session " + sessionId + " was not spawned by agentd in a worktree; "
                + "use kill_session to close its pane");
    }

    private ReceivedCommands receivedCommands() {
        try {
            return ReceivedCommands.open(Files.createDirectories(dir.resolve("received")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private CommandsResult run(String session, CommandBody body) {
        String commandId = UUID.randomUUID().toString();
        commands.handle(new Command(commandId, session, body));
        return await().atMost(WAIT).until(() -> result(commandId), Optional::isPresent).orElseThrow();
    }

    private Optional<CommandsResult> result(String commandId) {
        return queue.messages().stream().filter(CommandsResult.class::isInstance).map(CommandsResult.class::cast)
                .filter(result -> result.commandId().equals(commandId)).findFirst();
    }

    private String currentCommand(String paneId) {
        return server.tmux("display-message", "-p", "-t", paneId, "#{pane_current_command}");
    }

    private SessionRow awaitRow(String paneId) {
        return await().atMost(WAIT).until(() -> queue.lastRowOfPane(paneId), Optional::isPresent).orElseThrow();
    }
}
