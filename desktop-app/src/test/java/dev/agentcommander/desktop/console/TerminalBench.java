package dev.agentcommander.desktop.console;

import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.desktop.LaunchOptions;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.shell.DesktopApp;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javafx.scene.input.KeyCode;
import javafx.scene.web.WebView;
import netscape.javascript.JSObject;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * A benchmark command, not a test: the desktop's live terminals measured in the real app in solo mode (embedded
 * control plane, agentd, a private tmux server), each figure next to its floor where one exists.
 * <ul>
 *   <li>keystroke → its echo drawn: a key typed into the session's terminal until xterm.js has put the echoed
 *       character into the page (a MutationObserver on its rows; the pixels follow at the next pulse), next to the
 *       floor: {@code tmux send-keys} of the same character until a bare {@code pipe-pane} reader sees its echo;</li>
 *   <li>opening a session: Enter on its row until the terminal shows the pane, cold (the first WebView of the
 *       process) and warm;</li>
 *   <li>a flood: a pane printing as fast as tmux renders for 10 s into one open terminal, then nine such panes in a
 *       3×3 grid; FX pulse gaps, heap, bytes drawn and dropped, and how long the view takes to show the end.</li>
 * </ul>
 * Run (after {@code mvn -q -pl desktop-app test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt}):
 * <pre>
 * java -Dtestfx.robot=glass -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw \
 *     -cp desktop-app/target/test-classes:desktop-app/target/classes:$(cat desktop-app/target/cp.txt) \
 *     dev.agentcommander.desktop.console.TerminalBench [keystrokes] [flood seconds]
 * </pre>
 * Without the Monocle properties it runs on the display in {@code DISPLAY} (e.g. Xvfb).
 */
public final class TerminalBench {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PANES = 9;
    private static final String PROMPT = "$ ";
    /** One line of coloured text; {@code yes} repeats it as fast as the pane takes it. */
    private static final String FLOOD = "yes \"$(printf '\\033[31mred \\033[32mgreen \\033[33myellow \\033[1;34mblue"
            + "\\033[0m %s' $(seq 1 9))\"";

    private final FxRobot robot = new FxRobot();
    private final Path dir;
    private final TmuxServer tmux = TmuxServer.notStarted();
    private final List<String> panes = new ArrayList<>();
    private final List<Path> cwds = new ArrayList<>();
    private DesktopApp app;

    private TerminalBench(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        int keystrokes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int floodSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("terminal-bench");
        TerminalBench bench = new TerminalBench(dir);
        int status = 0;
        try {
            bench.run(keystrokes, floodSeconds);
        } catch (Exception | AssertionError e) {
            // the FX thread would keep a failed run's JVM (and its app) alive: say what failed and end it
            e.printStackTrace();
            status = 1;
        } finally {
            bench.tmux.close();
        }
        System.exit(status);
    }

    private void run(int keystrokes, int floodSeconds) throws Exception {
        System.out.printf("desktop terminals: java %s, %s, glass %s, prism %s, max heap %d MiB%n",
                System.getProperty("java.version"), System.getProperty("os.arch"),
                System.getProperty("glass.platform", "default"), System.getProperty("prism.order", "default"),
                Runtime.getRuntime().maxMemory() >> 20);
        for (int i = 0; i < PANES; i++) {
            Path cwd = Files.createDirectories(dir.resolve("pane-" + i)).toRealPath();
            cwds.add(cwd);
            panes.add(tmux.tmux("new-session", "-d", "-P", "-F", "#{pane_id}", "-s", "bench-" + i, "-x", "100",
                    "-y", "30", "-c", cwd.toString(), "env PS1='" + PROMPT + "' TERM=xterm-256color bash --norc "
                            + "--noprofile").strip());
        }
        String pane = panes.get(0);
        await().atMost(WAIT).until(() -> capture(pane).startsWith(PROMPT.strip()));
        List<Long> floor = keystrokeFloor(pane, keystrokes);
        long floodFloorBytes = floodFloor(pane, floodSeconds);

        FxToolkit.registerPrimaryStage();
        app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(
                LaunchOptions.solo(dir.resolve("data"), tmux.socket())));
        AppWindow window = new AppWindow(robot, app);
        List<SessionItem> items = new ArrayList<>();
        for (int i = 0; i < PANES; i++) {
            type(panes.get(i), "echo ready-" + i + "-$((6*7))");
            items.add(window.awaitRow(cwds.get(i)));
        }
        List<Long> opens = new ArrayList<>();
        for (int i = 0; i < PANES; i++) {
            opens.add(openTime(window, items.get(i), "ready-" + i + "-42"));
        }
        TerminalProbe.onFx(() -> {
            app.workspace().openSession(items.get(0).sessionId());
            return null;
        });
        LiveTerminal first = window.awaitSessionTerminal(items.get(0));
        List<Long> echoes = keystrokesThroughTheApp(first, pane, keystrokes);

        System.out.printf("keystroke -> echo (%d keys, 100x30 pane):%n", keystrokes);
        Percentiles.print("floor: tmux send-keys -> pipe-pane reader", floor);
        Percentiles.print("app: key in the terminal -> echo drawn", echoes);
        System.out.printf("  difference: p50 %+.2f ms, p99 %+.2f ms%n",
                (Percentiles.of(echoes, 0.5) - Percentiles.of(floor, 0.5)) / 1000.0,
                (Percentiles.of(echoes, 0.99) - Percentiles.of(floor, 0.99)) / 1000.0);
        System.out.printf("opening a session (Enter -> the pane's text on screen):%n  cold (first WebView) %.0f ms;"
                + " warm: p50 %.0f ms, max %.0f ms (n=%d)%n", opens.get(0) / 1000.0,
                Percentiles.of(opens.subList(1, opens.size()).stream().sorted().toList(), 0.5) / 1000.0,
                opens.subList(1, opens.size()).stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0,
                opens.size() - 1);

        System.out.printf("flood (%s) for %d s:%n  floor: a bare pipe-pane reader got %.1f MB/s%n", "yes of a coloured "
                + "line", floodSeconds, floodFloorBytes / 1e6 / floodSeconds);
        flood(List.of(first), List.of(pane), floodSeconds, "one open terminal");

        TerminalProbe.onFx(() -> {
            app.workspace().tabs().getSelectionModel().select(0);
            app.workspace().grid(items);
            return null;
        });
        List<LiveTerminal> tiles = new ArrayList<>();
        for (SessionItem item : items) {
            tiles.add(window.awaitTile(item));
        }
        for (LiveTerminal tile : tiles) {
            await().atMost(WAIT).until(() -> "live".equals(TerminalProbe.onFx(() -> tile.stateProperty().get())));
        }
        flood(tiles, panes, floodSeconds, "3x3 grid, nine panes");
        FxToolkit.cleanupApplication(app);
    }

    /** tmux send-keys of one character until a bare pipe-pane reader sees the echo. */
    private List<Long> keystrokeFloor(String pane, int keystrokes) throws Exception {
        Path fifo = dir.resolve("floor.fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        BlockingQueue<Read> reads = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(fifo)) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    long at = System.nanoTime();
                    reads.add(new Read(new String(buffer, 0, read, StandardCharsets.ISO_8859_1), at));
                }
            } catch (Exception e) {
                System.err.println("floor reader: " + e);
            }
        }, "floor-reader");
        reader.setDaemon(true);
        reader.start();
        tmux.tmux("pipe-pane", "-o", "-t", pane, "exec cat > " + fifo);
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < keystrokes; i++) {
            if (i % 50 == 0) {
                tmux.tmux("send-keys", "-t", pane, "C-u");
                await().atMost(WAIT).until(() -> capture(pane).strip().endsWith("$"));
                reads.clear();
            }
            String key = String.valueOf(key(i));
            long sent = System.nanoTime();
            tmux.tmux("send-keys", "-t", pane, "-l", key);
            while (true) {
                Read read = reads.poll(10, TimeUnit.SECONDS);
                if (read == null) {
                    throw new IllegalStateException("no echo of '" + key + "'");
                }
                if (read.text().contains(key)) {
                    latencies.add((read.at() - sent) / 1000);
                    break;
                }
            }
            pause();
        }
        tmux.tmux("pipe-pane", "-t", pane);
        tmux.tmux("send-keys", "-t", pane, "C-u");
        reader.join(5000);
        return latencies.stream().sorted().toList();
    }

    private record Read(String text, long at) { }

    /** Bytes a bare pipe-pane reader gets from the flood in {@code seconds}: what tmux hands out here. */
    private long floodFloor(String pane, int seconds) throws Exception {
        Path count = dir.resolve("flood-floor.count");
        tmux.tmux("pipe-pane", "-o", "-t", pane, "exec wc -c > " + count);
        type(pane, "timeout " + seconds + " " + FLOOD + "; clear; echo floor-done-$((6*7))");
        await().atMost(WAIT.plusSeconds(seconds)).until(() -> capture(pane).contains("floor-done-42"));
        tmux.tmux("pipe-pane", "-t", pane);
        await().atMost(WAIT).until(() -> Files.exists(count) && !Files.readString(count).isBlank());
        tmux.tmux("clear-history", "-t", pane);
        return Long.parseLong(Files.readString(count).strip());
    }

    /** Enter on the session's row until its terminal shows {@code text}. */
    private long openTime(AppWindow window, SessionItem item, String text) throws Exception {
        window.select(List.of(item));
        long start = System.nanoTime();
        robot.type(KeyCode.ENTER);
        LiveTerminal terminal = window.awaitSessionTerminal(item);
        TerminalProbe probe = new TerminalProbe(terminal.terminal());
        spinUntil(() -> probe.ready() && probe.screenText().contains(text));
        long took = (System.nanoTime() - start) / 1000;
        TerminalProbe.onFx(() -> {
            app.workspace().tabs().getSelectionModel().select(0);
            return null;
        });
        return took;
    }

    private List<Long> keystrokesThroughTheApp(LiveTerminal live, String pane, int keystrokes) throws Exception {
        TerminalProbe probe = new TerminalProbe(live.terminal());
        await().atMost(WAIT).until(() -> probe.ready()
                && "live".equals(TerminalProbe.onFx(() -> live.stateProperty().get())));
        RenderProbe renders = new RenderProbe();
        WebView web = (WebView) live.node();
        TerminalProbe.onFx(() -> {
            JSObject page = (JSObject) web.getEngine().executeScript("window");
            page.setMember("benchProbe", renders);
            web.getEngine().executeScript("""
                    (function () {
                      var rows = document.querySelector('.xterm-rows');
                      window.benchObserver = new MutationObserver(function () {
                        window.benchProbe.rendered(rows.textContent);
                      });
                      window.benchObserver.observe(rows, { childList: true, subtree: true, characterData: true });
                    })()""");
            return null;
        });
        robot.clickOn(live.node());
        List<Long> latencies = new ArrayList<>();
        String typed = "";
        for (int i = 0; i < keystrokes; i++) {
            if (i % 50 == 0) {
                robot.press(KeyCode.CONTROL).press(KeyCode.U).release(KeyCode.U).release(KeyCode.CONTROL);
                await().atMost(WAIT).until(() -> capture(pane).strip().endsWith("$")
                        && !probe.screenText().contains(PROMPT + key(0)));
                typed = "";
                renders.clear();
            }
            typed += key(i);
            String expected = PROMPT + typed;
            long sent = System.nanoTime();
            robot.write(String.valueOf(key(i)));
            latencies.add((renders.await(text -> text.contains(expected)) - sent) / 1000);
            pause();
        }
        TerminalProbe.onFx(() -> web.getEngine().executeScript("window.benchObserver.disconnect()"));
        robot.press(KeyCode.CONTROL).press(KeyCode.U).release(KeyCode.U).release(KeyCode.CONTROL);
        return latencies.stream().sorted().toList();
    }

    /** Seen by the page: public, and kept referenced here because WebView holds it weakly. */
    public static final class RenderProbe {
        private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        private final BlockingQueue<Long> times = new LinkedBlockingQueue<>();

        public void rendered(String text) {
            times.add(System.nanoTime());
            texts.add(text.replace('\u00a0', ' '));
        }

        void clear() {
            texts.clear();
            times.clear();
        }

        /** The time of the first render whose rows' text matches. */
        long await(Predicate<String> match) throws InterruptedException {
            while (true) {
                String text = texts.poll(10, TimeUnit.SECONDS);
                if (text == null) {
                    throw new IllegalStateException("the echo was never drawn");
                }
                long at = times.take();
                if (match.test(text)) {
                    return at;
                }
            }
        }
    }

    /**
     * Every pane in {@code floodPanes} prints as fast as it can for {@code seconds} while its terminal is shown;
     * measures the FX pulse gaps and the heap meanwhile, then the time until each view shows the pane's last line.
     */
    private void flood(List<LiveTerminal> terminals, List<String> floodPanes, int seconds, String what)
            throws Exception {
        List<TerminalProbe> probes = terminals.stream().map(live -> new TerminalProbe(live.terminal())).toList();
        for (String pane : floodPanes) {
            type(pane, "clear");
        }
        for (int i = 0; i < floodPanes.size(); i++) {
            String pane = floodPanes.get(i);
            TerminalProbe probe = probes.get(i);
            await().atMost(WAIT).until(() -> !capture(pane).contains("end-of-flood-42")
                    && !probe.screenText().contains("end-of-flood-42"));
        }
        long[] receivedBefore = terminals.stream().mapToLong(live -> onFx(() -> live.stream().receivedBytes()))
                .toArray();
        long droppedBefore = terminals.stream().mapToLong(live -> onFx(() -> live.terminal().droppedBytes())).sum();
        long gapsBefore = terminals.stream().mapToLong(live -> onFx(() -> live.stream().gaps())).sum();
        PulseMeter pulses = new PulseMeter();
        HeapMeter heap = new HeapMeter();
        onFx(() -> {
            pulses.start();
            return null;
        });
        heap.start();
        FxThreadSampler sampler = new FxThreadSampler(onFx(Thread::currentThread));
        sampler.start();
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < floodPanes.size(); i++) {
            type(floodPanes.get(i), "clear; timeout " + seconds + " " + FLOOD + "; clear; echo end-of-flood-$((6*7))");
        }
        long paneEnd = 0;
        for (String pane : floodPanes) {
            spinUntil(() -> capture(pane).contains("end-of-flood-42"));
            paneEnd = Math.max(paneEnd, System.nanoTime());
        }
        for (int i = 0; i < probes.size(); i++) {
            TerminalProbe probe = probes.get(i);
            LiveTerminal live = terminals.get(i);
            try {
                spinUntil(() -> probe.screenText().contains("end-of-flood-42"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new IllegalStateException("the view of " + floodPanes.get(i) + " never showed the end: state "
                        + onFx(() -> live.stateProperty().get()) + ", received " + onFx(() -> live.stream()
                        .receivedBytes()) + ", dropped " + onFx(() -> live.terminal().droppedBytes()) + ", gaps "
                        + onFx(() -> live.stream().gaps()) + ", xterm backlog " + probe.parserBacklog()
                        + ", screen:\n" + probe.screenText(), e);
            }
        }
        long viewEnd = System.nanoTime();
        long cpu = processCpuNanos() - cpuBefore;
        onFx(() -> {
            pulses.stop();
            return null;
        });
        heap.stop();
        long received = 0;
        for (int i = 0; i < terminals.size(); i++) {
            LiveTerminal live = terminals.get(i);
            received += onFx(() -> live.stream().receivedBytes()) - receivedBefore[i];
        }
        long dropped = terminals.stream().mapToLong(live -> onFx(() -> live.terminal().droppedBytes())).sum()
                - droppedBefore;
        long gaps = terminals.stream().mapToLong(live -> onFx(() -> live.stream().gaps())).sum() - gapsBefore;
        double wall = (paneEnd - start) / 1e9;
        List<Long> gapsMicros = pulses.gapsMicros();
        System.out.printf("  %s: the view received %.1f MB/s, dropped %.1f MB for repaints (%d stream gaps);%n"
                        + "    FX pulse gaps p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d pulses); heap used max %d MiB, "
                        + "after a GC %d MiB;%n    the last line shown %.0f ms after the pane printed it; "
                        + "process CPU %.0f%% of one core%n",
                what, received / 1e6 / wall, dropped / 1e6, gaps, Percentiles.of(gapsMicros, 0.5) / 1000.0,
                Percentiles.of(gapsMicros, 0.99) / 1000.0, gapsMicros.get(gapsMicros.size() - 1) / 1000.0,
                gapsMicros.size(), heap.maxUsed() >> 20, heap.usedAfterGc() >> 20, (viewEnd - paneEnd) / 1e6,
                100.0 * cpu / (viewEnd - start));
        sampler.print();
    }

    /** Samples the heap in use every 20 ms. */
    private static final class HeapMeter {
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heap-meter");
            thread.setDaemon(true);
            return thread;
        });
        private volatile long maxUsed;

        void start() {
            sampler.scheduleAtFixedRate(() -> maxUsed = Math.max(maxUsed, used()), 0, 20, TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }

        long maxUsed() {
            return maxUsed;
        }

        long usedAfterGc() {
            System.gc();
            return used();
        }

        private static long used() {
            Runtime runtime = Runtime.getRuntime();
            return runtime.totalMemory() - runtime.freeMemory();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Polls every 2 ms on this thread: a finer clock than awaitility's default for what is timed. */
    private static void spinUntil(BooleanSupplier condition) {
        await().atMost(WAIT).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                .until(condition::getAsBoolean);
    }

    /** 20–36 ms between keys, so keys do not line up with the pulses: the pace of the typing, not a wait. */
    private static void pause() throws InterruptedException {
        Thread.sleep(20 + ThreadLocalRandom.current().nextInt(17));
    }

    /** The i-th typed key: never the same twice within a line of 50. */
    private static char key(int i) {
        String keys = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX";
        return keys.charAt(i % keys.length());
    }

    private void type(String pane, String line) {
        tmux.tmux("send-keys", "-t", pane, "-l", line);
        tmux.tmux("send-keys", "-t", pane, "Enter");
    }

    private String capture(String pane) {
        return tmux.tmux("capture-pane", "-p", "-t", pane);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
