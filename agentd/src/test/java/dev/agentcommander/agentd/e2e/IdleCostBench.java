package dev.agentcommander.agentd.e2e;

import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.app.AgentdMain;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.schema.model.SessionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * A benchmark command, not a test: what agentd costs while nothing happens. A private tmux server with N idle
 * panes (default 100), the real control plane, and agentd as its own process ({@code agentd run}, default JVM
 * flags, the default 1 s poll) with {@code tmux.bin} pointing at a wrapper that logs each tmux process it starts.
 * After a warm-up it reads CPU time from {@code /proc} over a window and prints agentd's own CPU, its tmux client
 * processes (reaped children), the tmux server's, each as % of one core, and tmux calls per poll. Run (after
 * {@code mvn -q -pl agentd test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt}):
 * <pre>
 * java -cp agentd/target/test-classes:agentd/target/classes:$(cat agentd/target/cp.txt) \
 *     dev.agentcommander.agentd.e2e.IdleCostBench [panes] [seconds measured] [seconds of warm-up]
 * </pre>
 */
public final class IdleCostBench {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    public static void main(String[] args) throws Exception {
        int panes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Path dir = Files.createTempDirectory("idle-bench");
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            for (int i = 1; i < panes; i++) {
                tmux.tmux("new-window", "-d", "-c", dir.toString());
            }
            long serverPid = Long.parseLong(tmux.tmux("display-message", "-p", "#{pid}").strip());
            ControlPlaneFixture.Host host = cp.createHost("idle-bench");
            Path calls = dir.resolve("tmux-calls.log");
            Path wrapper = Files.writeString(dir.resolve("tmux-logging"),
                    "#!/bin/sh\necho \"$3\" >> '" + calls + "'\nexec tmux \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
            Path tokenFile = Files.writeString(dir.resolve("host.token"), host.token() + "\n");
            Path config = Files.writeString(dir.resolve("config.yaml"), """
                    control_plane: { urls: ["%s"], token_file: %s }
                    tmux: { bin: %s, socket: "%s" }
                    storage: { state_dir: %s }
                    """.formatted(cp.agentUrl(), tokenFile, wrapper, tmux.socket(), dir.resolve("state")));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process agentd = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    AgentdMain.class.getName(), "run", "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("agentd.log").toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> cp.sessions(host.hostId()).stream()
                        .filter(row -> row.status() == SessionStatus.IDLE).count() == panes);
                Thread.sleep(warmUp * 1000L); // JIT (at one poll a second it takes a while), first git lookups
                long[] agentdBefore = cpuTicks(agentd.pid());
                long[] serverBefore = cpuTicks(serverPid);
                long callsBefore = Files.readAllLines(calls).size();
                long start = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                double elapsed = (System.nanoTime() - start) / 1e9;
                long[] agentdAfter = cpuTicks(agentd.pid());
                long[] serverAfter = cpuTicks(serverPid);
                List<String> window = Files.readAllLines(calls).subList((int) callsBefore,
                        Files.readAllLines(calls).size());
                double own = percent(agentdAfter[0] - agentdBefore[0], elapsed);
                double children = percent(agentdAfter[1] - agentdBefore[1], elapsed);
                double server = percent(serverAfter[0] - serverBefore[0], elapsed);
                System.out.printf("idle cost, %d idle panes, poll every 1 s, %.0f s measured:%n", panes, elapsed);
                System.out.printf("  agentd JVM                 %5.2f %% of a core%n", own);
                System.out.printf("  its tmux client processes  %5.2f %% (with the logging wrapper)%n", children);
                System.out.printf("  tmux server                %5.2f %%%n", server);
                System.out.printf("  total                      %5.2f %%%n", own + children + server);
                System.out.printf("  tmux calls: %d in %.0f s = %.2f per poll (%s)%n", window.size(), elapsed,
                        window.size() / elapsed, String.join(", ", window.stream().distinct().toList()));
            } finally {
                agentd.destroy();
                agentd.waitFor();
            }
        }
        System.exit(0);
    }

    /** utime+stime and cutime+cstime of a process, in clock ticks. */
    private static long[] cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17
        return new long[] {Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                Long.parseLong(fields[13]) + Long.parseLong(fields[14])};
    }

    private static double percent(long ticks, double seconds) {
        return 100.0 * ticks / TICKS_PER_SECOND / seconds;
    }
}
