package dev.agentcommander.chaos.scenario;

import dev.agentcommander.chaos.fault.PrivateTmpfs;
import dev.agentcommander.chaos.fleet.AgentdHost;
import dev.agentcommander.chaos.fleet.Fleet;
import dev.agentcommander.chaos.fleet.Jars;
import dev.agentcommander.chaos.load.HookLoad;
import dev.agentcommander.chaos.verify.DeliveryCount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scenario 8: under hook load, agentd's state dir and then the control plane's H2 directory run full (each a small
 * tmpfs in a mount namespace of its own, filled to the last byte for the fault window, then freed). Checks: both
 * processes stay up (same pid, no crash loop) and say why in their logs; a hook agentd could not store is not
 * answered 200; once space is back the backlog goes in; and after a SIGKILL and restart of the control plane
 * everything agentd had been told was stored is still there, so nothing was acked that was not on disk.
 */
public final class DiskFullScenario implements Scenario {
    private static final int STATE_MEGABYTES = 64;
    private static final int DATABASE_MEGABYTES = 256;

    @Override
    public String name() {
        return "disk-full";
    }

    @Override
    public ScenarioResult run(Jars jars, Path dir, Scale scale) throws Exception {
        List<String> problems = new ArrayList<>();
        try (PrivateTmpfs database = PrivateTmpfs.mount(dir.resolve("db"), DATABASE_MEGABYTES);
                Fleet fleet = Fleet.start(jars, dir, database.launcher())) {
            AgentdHost host = fleet.addHostOnTmpfs(jars, dir, scale.ackTimeout(), STATE_MEGABYTES);
            long agentdPid = host.pid();
            long serverPid = fleet.server().pid();
            fleet.startLoad(Long.MAX_VALUE / 4);
            HookLoad load = fleet.loads().get(0);
            fleet.awaitSent(20, Duration.ofSeconds(60));

            String agentdFull = outage(fleet, host.stateDisk(), scale, load, problems, "agentd's state dir");
            if (!logs(host.dir(), "agentd-").anyMatch(line -> line.contains("is the disk full"))) {
                problems.add("agentd did not log that its state dir is full");
            }
            String serverFull = outage(fleet, database, scale, load, problems, "the control plane's H2 dir");
            if (!logs(dir, "server-").anyMatch(line -> line.contains("No space left on device"))) {
                problems.add("the control plane did not log that its disk is full");
            }
            if (!host.alive() || host.pid() != agentdPid) {
                problems.add("agentd exited while its disk was full");
            }
            if (!fleet.server().alive() || fleet.server().pid() != serverPid) {
                problems.add("the control plane exited while its disk was full");
            }
            fleet.stopLoad();
            DeliveryCount beforeRestart = fleet.settle(Duration.ofMinutes(2));
            // What was acked must be in the file, not only in the memory of the process that acked it.
            fleet.server().kill();
            fleet.server().start(fleet.api());
            DeliveryCount delivery = fleet.settle(Duration.ofMinutes(2));
            if (delivery.stored() < beforeRestart.stored()) {
                problems.add((beforeRestart.stored() - delivery.stored())
                        + " stored events were gone after a restart of the control plane");
            }
            return new ScenarioResult(name(), "1 agentd, hook events throughout: " + fleet.sent() + " durable events",
                    "agentd's state dir (" + STATE_MEGABYTES + " MiB tmpfs) and then the control plane's H2 dir ("
                            + DATABASE_MEGABYTES + " MiB tmpfs) filled for " + scale.faultWindow().toSeconds()
                            + " s each, then freed; then SIGKILL + restart of the control plane",
                    delivery, "agentd's disk full: " + agentdFull + "; control plane's disk full: " + serverFull,
                    fleet.server().heapUsedBytes(), problems);
        }
    }

    /** Fills {@code disk} for the fault window, frees it, and measures until the host's acks move on. */
    private static String outage(Fleet fleet, PrivateTmpfs disk, Scale scale, HookLoad load, List<String> problems,
                                 String what) throws IOException, InterruptedException {
        String hostId = load.host().hostId();
        int answeredBefore = load.answered().size();
        int refusedBefore = load.inDoubt().size();
        long filled = disk.fill();
        Thread.sleep(scale.faultWindow().toMillis());
        int answered = load.answered().size() - answeredBefore;
        int refused = load.inDoubt().size() - refusedBefore;
        long seqAtFree = fleet.api().lastAckedSeq(hostId).orElse(-1L);
        disk.free();
        long freed = System.nanoTime();
        long deadline = freed + Duration.ofSeconds(120).toNanos();
        while (fleet.api().lastAckedSeq(hostId).orElse(-1L) <= seqAtFree && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long firstAck = (System.nanoTime() - freed) / 1_000_000;
        if (System.nanoTime() >= deadline) {
            problems.add(what + ": no new ack within 120 s of space coming back");
        }
        while (lostNow(fleet) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        long backlog = (System.nanoTime() - freed) / 1_000_000;
        return (filled / (1024 * 1024)) + " MiB filler; hooks while full: " + answered + " answered 200, " + refused
                + " refused; space back -> first new ack " + firstAck + " ms, every answered hook stored "
                + backlog + " ms";
    }

    /** Answered hooks not stored yet; unknown (max) while the control plane cannot answer. */
    private static long lostNow(Fleet fleet) {
        try {
            return fleet.count().lost();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Stream<String> logs(Path dir, String prefix) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path log : files.filter(file -> file.getFileName().toString().startsWith(prefix)).toList()) {
                lines.addAll(Files.readAllLines(log, StandardCharsets.ISO_8859_1));
            }
        }
        return lines.stream();
    }
}
