package dev.agentcommander.chaos.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.chaos.fleet.AgentdHost;
import dev.agentcommander.chaos.fleet.Fleet;
import dev.agentcommander.chaos.fleet.Jars;
import dev.agentcommander.chaos.fleet.UiWatcher;
import dev.agentcommander.chaos.verify.DeliveryCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 2: agentd is SIGKILLed mid-stream and restarted (three times, hosts in turn; once at the tiny scale) while a UI client watches the
 * killed host's console and two commands are in flight: a {@code rename_session} and a {@code send_input} whose
 * shell line appends to a file, so the file counts how often the command ran. Each command must run at most once
 * and its result must arrive; the console must stream again after the restart.
 */
public final class AgentdKillScenario implements Scenario {
    private static final String CHUNK = "console.chunk";

    @Override
    public String name() {
        return "agentd-sigkill";
    }

    @Override
    public ScenarioResult run(Jars jars, Path dir, Scale scale) throws Exception {
        List<String> problems = new ArrayList<>();
        List<Long> recovery = new ArrayList<>();
        long total = scale.eventsPerHost() * scale.hosts();
        List<String> commands = new ArrayList<>();
        List<Path> markers = new ArrayList<>();
        try (Fleet fleet = Fleet.start(jars, dir)) {
            fleet.addHosts(jars, dir, scale.hosts(), scale.ackTimeout(), i -> fleet.server().agentUrl());
            fleet.startLoad(scale.eventsPerHost());
            for (int kill = 1; kill <= scale.kills(); kill++) {
                AgentdHost host = fleet.hosts().get((kill - 1) % fleet.hosts().size());
                List<String> panes = host.tmux().paneIds();
                String console = fleet.awaitSession(host, panes.get(0));
                String shell = fleet.awaitSession(host, panes.get(1));
                fleet.awaitSent(total * kill / (scale.kills() + 1), Duration.ofMinutes(10));
                try (UiWatcher watcher = new UiWatcher(fleet.server().port(), fleet.api().token(), "console",
                        java.util.Map.of("session_id", console), fleet.api().json())) {
                    awaitChunks(watcher, 1, problems, "kill " + kill + ": the console never streamed before the kill");
                    Path marker = host.dir().resolve("ran-" + kill);
                    commands.add(fleet.api().sessionCommand(shell, fleet.api().json().createObjectNode()
                            .put("type", "send_input").put("text", "echo ran >> " + marker).put("enter", true)));
                    commands.add(fleet.api().sessionCommand(shell, fleet.api().json().createObjectNode()
                            .put("type", "rename_session").put("name", "renamed-" + kill)));
                    host.kill();
                    long seqAtKill = fleet.api().lastAckedSeq(host.hostId()).orElse(-1L);
                    long chunksAtKill = watcher.count(CHUNK);
                    long started = System.nanoTime();
                    host.start();
                    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                    while (fleet.api().lastAckedSeq(host.hostId()).orElse(-1L) <= seqAtKill
                            && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    if (System.nanoTime() >= deadline) {
                        problems.add("kill " + kill + ": no new ack within 120 s of the restart");
                    } else {
                        recovery.add((System.nanoTime() - started) / 1_000_000);
                    }
                    awaitChunks(watcher, chunksAtKill + 1, problems,
                            "kill " + kill + ": the console did not stream again after the restart");
                    markers.add(marker);
                }
            }
            DeliveryCount delivery = fleet.settle(Duration.ofMinutes(5));
            String outcomes = checkResults(fleet, commands, problems);
            for (int i = 0; i < markers.size(); i++) {
                checkRuns(markers.get(i), problems, i + 1);
            }
            return new ScenarioResult(name(),
                    scale.hosts() + " agentd x " + scale.eventsPerHost() + " hook events = " + total
                            + " durable events; a console watched and 2 commands in flight at each kill",
                    scale.kills() + " x SIGKILL of an agentd + restart", delivery,
                    "agentd restart -> first new ack " + Millis.summary(recovery) + "; commands: " + outcomes, fleet.server().heapUsedBytes(),
                    problems);
        }
    }

    private static void awaitChunks(UiWatcher watcher, long atLeast, List<String> problems, String problem)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (watcher.count(CHUNK) < atLeast) {
            if (System.nanoTime() > deadline) {
                problems.add(problem);
                return;
            }
            Thread.sleep(50);
        }
    }

    private static void checkRuns(Path marker, List<String> problems, int kill) throws IOException {
        long runs = Files.exists(marker) ? Files.readAllLines(marker).size() : 0;
        if (runs > 1) {
            problems.add("kill " + kill + ": the send_input command ran " + runs + " times");
        }
    }

    /** Waits for every command's result; returns how they ended, e.g. {@code {completed=4, failed=2}}. */
    private static String checkResults(Fleet fleet, List<String> commands, List<String> problems)
            throws IOException, InterruptedException {
        java.util.Map<String, Integer> ended = new java.util.TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String commandId : commands) {
            JsonNode row = fleet.api().command(commandId);
            while (!finished(row) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                row = fleet.api().command(commandId);
            }
            if (!finished(row)) {
                problems.add("command " + row.path("type").asText() + " " + commandId + " has no result: "
                        + row.path("status").asText());
            }
            ended.merge(row.path("status").asText(), 1, Integer::sum);
        }
        return ended.toString();
    }

    private static boolean finished(JsonNode row) {
        String status = row.path("status").asText();
        return status.equals("completed") || status.equals("failed");
    }
}
