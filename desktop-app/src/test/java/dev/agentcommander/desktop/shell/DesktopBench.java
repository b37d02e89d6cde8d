package dev.agentcommander.desktop.shell;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.testing.HookClient;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.desktop.LaunchOptions;
import dev.agentcommander.desktop.approvals.ApprovalsViewModel;
import dev.agentcommander.desktop.console.AppWindow;
import dev.agentcommander.desktop.console.Percentiles;
import dev.agentcommander.desktop.console.PulseMeter;
import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.sessions.SessionsView;
import dev.agentcommander.desktop.sessions.SessionsViewModel;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.GitInfo;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.model.TmuxRef;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The desktop's own figures (docs/benchmarks.md): cold start of solo mode to sessions visible, in fresh JVMs, first
 * launch and warm, with where the time goes (from the app's log); an approval raised through agentd's HTTP hook
 * receiver until the window's queue holds it; and FX pulse gaps while typing in the search field and scrolling a
 * table of 2,000 sessions. Prints figures, asserts nothing.
 *
 * <pre>
 * java -Dtestfx.robot=glass -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw \
 *     -cp desktop-app/target/test-classes:desktop-app/target/classes:$(cat desktop-app/target/cp.txt) \
 *     dev.agentcommander.desktop.shell.DesktopBench 5 200 2000     # starts, approvals, table rows
 * </pre>
 */
public final class DesktopBench {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CHILD = "start-once";
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    /** Start-up milestones as the app logs them, in order. */
    private static final Map<String, Pattern> MILESTONES = milestones();

    private final FxRobot robot = new FxRobot();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(CHILD)) {
            startOnce(Path.of(args[1]), args[2]);
            return;
        }
        int starts = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int approvals = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        System.out.printf("desktop: java %s, %d cores, glass %s, prism %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("glass.platform", "default"),
                System.getProperty("prism.order", "default"));
        Path dir = Files.createTempDirectory("desktop-bench");
        try (TmuxServer tmux = TmuxServer.start(dir)) {
            startups(dir, tmux, starts);
            new DesktopBench().approvalsAndTable(dir, tmux, approvals, rows);
        }
        System.exit(0);
    }

    // ---- cold start --------------------------------------------------------------------------------------------

    /** Each start in a fresh JVM: the first on an empty data dir (database created, host registered), then warm. */
    private static void startups(Path dir, TmuxServer tmux, int starts) throws Exception {
        Path data = dir.resolve("start-data");
        System.out.printf("cold start of solo mode, JVM start -> sessions visible (%d fresh JVMs):%n", starts);
        for (int i = 0; i < starts; i++) {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(arg -> arg.startsWith("-D") || arg.startsWith("-X")).toList());
            // the app's own logging (the tests' logback-test.xml would win otherwise), as the Launcher sets it up
            command.addAll(List.of("-Dlogback.configurationFile=logback.xml",
                    "-Dagent-commander.log.dir=" + data.resolve("logs")));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), DesktopBench.class.getName(), CHILD,
                    data.toString(), tmux.socket()));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes());
            child.waitFor();
            String line = output.lines().filter(text -> text.startsWith("START ")).findFirst()
                    .orElse("START failed: " + output.lines().reduce((a, b) -> b).orElse("no output"));
            System.out.printf("  %-6s %s%n", i == 0 ? "first" : "warm", line.substring(6));
        }
    }

    /** In the child JVM: starts the app, waits for a row in the sessions table, prints the milestones. */
    private static void startOnce(Path data, String tmuxSocket) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis();
        FxToolkit.registerPrimaryStage();
        long fxAt = System.currentTimeMillis();
        DesktopApp app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(
                LaunchOptions.solo(data, tmuxSocket)));
        long windowAt = System.currentTimeMillis();
        FxRobot robot = new FxRobot();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> TerminalProbe.onFx(() ->
                !robot.lookup("#" + SessionsView.TABLE_ID).queryAs(TableView.class).getItems().isEmpty()));
        long rowsAt = System.currentTimeMillis();
        Map<String, Long> logged = logged(data.resolve("logs/desktop.log"), jvmStart);
        StringBuilder line = new StringBuilder(String.format("%5d ms total: JVM %d, FX toolkit %d, window %d",
                rowsAt - jvmStart, mainAt - jvmStart, fxAt - mainAt, windowAt - fxAt));
        logged.forEach((what, at) -> line.append(String.format(", %s at %d", what, at)));
        System.out.println("START " + line);
        FxToolkit.cleanupApplication(app);
        System.exit(0);
    }

    private static Map<String, Pattern> milestones() {
        Map<String, Pattern> milestones = new LinkedHashMap<>();
        milestones.put("database open", Pattern.compile("server\\.db\\.Database - database "));
        milestones.put("control plane listening", Pattern.compile("control plane .* listening on"));
        milestones.put("host registered", Pattern.compile("LocalHostRegistration - "));
        milestones.put("agentd started", Pattern.compile("LocalBackend - agentd started"));
        milestones.put("ready", Pattern.compile("AppRuntime - Ready"));
        return milestones;
    }

    /** Milliseconds after {@code jvmStart} of the first log line of each milestone in this run's log. */
    private static Map<String, Long> logged(Path log, long jvmStart) throws Exception {
        Map<String, Long> found = new LinkedHashMap<>();
        for (String text : Files.readAllLines(log)) {
            if (text.length() < 23) {
                continue;
            }
            long at;
            try {
                at = LocalDateTime.parse(text.substring(0, 23), LOG_TIME).atZone(ZoneId.systemDefault()).toInstant()
                        .toEpochMilli();
            } catch (java.time.format.DateTimeParseException e) {
                continue;
            }
            if (at < jvmStart) {
                continue;
            }
            MILESTONES.forEach((what, pattern) -> {
                if (!found.containsKey(what) && pattern.matcher(text).find()) {
                    found.put(what, at - jvmStart);
                }
            });
        }
        return found;
    }

    // ---- approvals and the table -----------------------------------------------------------------------------

    private void approvalsAndTable(Path dir, TmuxServer tmux, int approvals, int rows) throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("work")).toRealPath();
        String pane = tmux.tmux("new-session", "-d", "-P", "-F", "#{pane_id}", "-s", "bench", "-x", "100", "-y", "30",
                "-c", cwd.toString(), "env PS1='$ ' bash --norc --noprofile").strip();
        FxToolkit.registerPrimaryStage();
        Path data = dir.resolve("data");
        DesktopApp app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(
                LaunchOptions.solo(data, tmux.socket())));
        new AppWindow(robot, app).awaitRow(cwd);
        approvals(app, data, pane, cwd, approvals);
        FxToolkit.cleanupApplication(app);
        table(rows);
    }

    /** One approval at a time: the hook is posted, then timed until the queue in the window holds it. */
    private void approvals(DesktopApp app, Path data, String pane, Path cwd, int count) throws Exception {
        HookClient hooks = HookClient.forStateDir(data.resolve("agentd"), new ObjectMapper());
        ApprovalsViewModel queue = app.workspace().approvals();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        TerminalProbe.onFx(() -> {
            queue.pending().addListener((ListChangeListener<ApprovalRow>) change -> {
                long now = System.nanoTime();
                for (ApprovalRow row : queue.pending()) {
                    String command = row.toolInput().path("command").asText();
                    seen.putIfAbsent(command, now);
                }
            });
            return null;
        });
        List<Long> latencies = new ArrayList<>();
        List<Long> fxWaits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String command = "echo approval-" + i;
            long sent = System.nanoTime();
            CompletableFuture<HttpResponse<String>> hook = hooks.permission(pane, cwd, command);
            // how long anything posted to the FX thread now waits: the part of the latency that is the window's
            CompletableFuture<Long> fxReached = new CompletableFuture<>();
            javafx.application.Platform.runLater(() -> fxReached.complete(System.nanoTime()));
            await().atMost(WAIT).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> seen.containsKey(command));
            latencies.add((seen.get(command) - sent) / 1000);
            fxWaits.add((fxReached.get() - sent) / 1000);
            TerminalProbe.onFx(() -> {
                queue.selectedProperty().set(queue.pending().stream()
                        .filter(row -> row.toolInput().path("command").asText().equals(command)).findFirst()
                        .orElseThrow());
                queue.allow();
                return null;
            });
            hook.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            // approvals a person sees come seconds apart: let the window draw the last one first
            Thread.sleep(ThreadLocalRandom.current().nextInt(300, 500));
        }
        System.out.printf("approval raised (hook posted to agentd) -> in the window's queue, one at a time:%n");
        Percentiles.print("hook -> queue", latencies.stream().sorted().toList());
        Percentiles.print("  an FX task posted at the hook -> run", fxWaits.stream().sorted().toList());
    }

    /** The real sessions table with {@code count} rows, ticking every second like the app; pulses while in use. */
    private void table(int count) throws Exception {
        SessionsViewModel model = new SessionsViewModel(Instant.now());
        SessionsView view = new SessionsView(model);
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene((javafx.scene.Parent) view.node(), 1280, 800));
            stage.show();
        });
        List<SessionRow> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            String host = "h-" + (i % 20);
            rows.add(new SessionRow("s-" + i, host, i % 3 == 0 ? "agent-" + i : null,
                    Provider.values()[i % 3], SessionStatus.values()[i % 5], i % 7 == 0,
                    new TmuxRef("%" + i, "main", Integer.toString(i % 9), 100, 30), "/home/dev/project-" + (i % 97) + "/module-" + i,
                    new GitInfo("/home/dev/project-" + (i % 97), "branch-" + i, i % 2 == 0), "title " + i, null,
                    now.minusSeconds(i), now.minusSeconds(3600), now.minusSeconds(i)));
        }
        List<HostRow> hosts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hosts.add(new HostRow("h-" + i, "host-" + i, true, now, 0, now));
        }
        Timeline ticks = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), event -> model.tick(Instant.now())));
        ticks.setCycleCount(Timeline.INDEFINITE);
        TerminalProbe.onFx(() -> {
            model.setHosts(hosts);
            model.replaceAll(rows);
            ticks.play();
            return null;
        });
        TextField search = robot.lookup("#" + SessionsView.SEARCH_ID).queryAs(TextField.class);
        TableView<?> table = robot.lookup("#" + SessionsView.TABLE_ID).queryAs(TableView.class);

        PulseMeter typing = new PulseMeter();
        TerminalProbe.onFx(() -> {
            typing.start();
            return null;
        });
        robot.clickOn(search);
        for (int round = 0; round < 10; round++) {
            robot.write("project-4" + round);
            for (int i = 0; i < 10; i++) {
                robot.type(KeyCode.BACK_SPACE);
            }
        }
        TerminalProbe.onFx(() -> {
            typing.stop();
            return null;
        });

        PulseMeter scrolling = new PulseMeter();
        TerminalProbe.onFx(() -> {
            scrolling.start();
            return null;
        });
        robot.moveTo(table);
        for (int i = 0; i < 100; i++) {
            robot.scroll(5, javafx.geometry.VerticalDirection.DOWN);
        }
        for (int i = 0; i < 100; i++) {
            robot.scroll(5, javafx.geometry.VerticalDirection.UP);
        }
        TerminalProbe.onFx(() -> {
            scrolling.stop();
            ticks.stop();
            return null;
        });
        System.out.printf("sessions table with %d rows, FX pulse gaps:%n", count);
        Percentiles.print("typing in the search field (200 keys)", typing.gapsMicros());
        Percentiles.print("scrolling (200 wheel steps of 5)", scrolling.gapsMicros());
    }
}
