package dev.agentcommander.agentd.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.CommandsResult;
import dev.agentcommander.schema.agent.EventsAppend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutboxTest {
    private final WireCodec codec = new WireCodec();

    @TempDir
    Path stateDir;

    @Test
    void append_storesBeforeReturning_andRecoversInANewInstance() throws Exception {
        String streamId;
        try (StateDir dir = StateDir.open(stateDir)) {
            Outbox outbox = Outbox.open(dir, codec);
            streamId = outbox.streamId();
            assertThat(outbox.append(event("a"))).isEqualTo(1);
            assertThat(outbox.appendAll(List.of(event("b"), event("c")))).containsExactly(2L, 3L);
            outbox.ack(1);
        }

        try (StateDir dir = StateDir.open(stateDir)) {
            Outbox outbox = Outbox.open(dir, codec);
            assertThat(outbox.streamId()).isEqualTo(streamId);
            assertThat(outbox.lastAcked()).isEqualTo(1);
            assertThat(outbox.pendingSeqs()).containsExactly(2L, 3L);
            OutboxEntry next = outbox.next(0).orElseThrow();
            assertThat(next.seq()).isEqualTo(2);
            Envelope envelope = codec.decode(next.frame());
            assertThat(envelope.seq()).isEqualTo(2);
            assertThat(envelope.payloadAs(EventsAppend.class).eventType()).isEqualTo("test.b");
            assertThat(outbox.next(2).orElseThrow().seq()).isEqualTo(3);
            assertThat(outbox.next(3)).isEmpty();
            assertThat(outbox.append(event("d"))).isEqualTo(4);
        }
    }

    @Test
    void ack_isCumulative_andSeqContinuesAfterEverythingWasAckedAndARestart() throws Exception {
        try (StateDir dir = StateDir.open(stateDir)) {
            Outbox outbox = Outbox.open(dir, codec);
            outbox.appendAll(List.of(event("a"), event("b"), event("c")));
            outbox.ack(3);
            assertThat(outbox.pendingSeqs()).isEmpty();
            assertThat(messageFiles()).isEmpty();
        }

        try (StateDir dir = StateDir.open(stateDir)) {
            Outbox outbox = Outbox.open(dir, codec);
            assertThat(outbox.lastAcked()).isEqualTo(3);
            assertThat(outbox.append(event("d"))).isEqualTo(4);
        }
    }

    @Test
    void ack_forASeqNeverIssued_isIgnored() throws Exception {
        try (StateDir dir = StateDir.open(stateDir)) {
            Outbox outbox = Outbox.open(dir, codec);
            outbox.appendAll(List.of(event("a"), event("b")));

            outbox.ack(7);
            outbox.ack(1);
            outbox.ack(0);

            assertThat(outbox.lastAcked()).isEqualTo(1);
            assertThat(outbox.pendingSeqs()).containsExactly(2L);
            assertThat(outbox.append(event("c"))).isEqualTo(3);
        }
    }

    @Test
    void open_partialTempFileAndCorruptMessage_areIgnoredAndTheirSeqsNotReused() throws Exception {
        try (StateDir dir = StateDir.open(stateDir)) {
            Outbox outbox = Outbox.open(dir, codec);
            outbox.appendAll(List.of(event("a"), event("b")));
        }
        Path outboxDir = stateDir.resolve("outbox");
        Files.writeString(outboxDir.resolve(String.format("%020d.json.tmp", 3)), "{\"type\":\"events.app");
        Files.writeString(outboxDir.resolve(String.format("%020d.json", 2)), "{\"type\":\"events.append\",\"se");

        try (StateDir dir = StateDir.open(stateDir)) {
            Outbox outbox = Outbox.open(dir, codec);
            assertThat(outbox.pendingSeqs()).containsExactly(1L);
            assertThat(outboxDir.resolve(String.format("%020d.json.tmp", 3))).doesNotExist();
            assertThat(outboxDir.resolve("corrupt").resolve(String.format("%020d.json", 2))).exists();
            assertThat(outbox.append(event("c"))).isEqualTo(3);
        }
    }

    @Test
    void open_newOutbox_getsANewStreamIdSoSeqOneIsAcceptedAgain() throws Exception {
        String first;
        try (StateDir dir = StateDir.open(stateDir)) {
            first = Outbox.open(dir, codec).streamId();
        }
        assertThat(Files.readString(stateDir.resolve("stream-id")).strip()).isEqualTo(first);
        deleteRecursively(stateDir.resolve("outbox"));

        try (StateDir dir = StateDir.open(stateDir)) {
            Outbox outbox = Outbox.open(dir, codec);
            assertThat(outbox.streamId()).isNotEqualTo(first);
            assertThat(outbox.append(event("a"))).isEqualTo(1);
        }
    }

    @Test
    void open_stateDirThatIsAFile_failsWithAClearError() throws IOException {
        Path file = Files.writeString(stateDir.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> StateDir.open(file))
                .isInstanceOf(OutboxException.class)
                .hasMessageContaining("storage.state_dir " + file)
                .hasMessageContaining("not a directory");
        assertThatThrownBy(() -> StateDir.open(file.resolve("below")))
                .isInstanceOf(OutboxException.class)
                .hasMessageContaining("storage.state_dir " + file.resolve("below"));
    }

    @Test
    void append_whenTheOutboxDirectoryVanished_throwsAndStoresNothing() throws Exception {
        try (StateDir dir = StateDir.open(stateDir)) {
            Outbox outbox = Outbox.open(dir, codec);
            outbox.append(event("a"));
            deleteRecursively(stateDir.resolve("outbox"));
            Files.writeString(stateDir.resolve("outbox"), "now a file");

            assertThatThrownBy(() -> outbox.append(event("b")))
                    .isInstanceOf(OutboxException.class)
                    .hasMessageContaining("cannot store 1 message(s) in outbox " + stateDir.resolve("outbox"));
            assertThat(outbox.lastAssigned()).isEqualTo(1);
            assertThat(outbox.pendingSeqs()).containsExactly(1L);
        }
    }

    @Test
    void open_stateDirInUse_failsNamingTheOtherAgentd() {
        try (StateDir dir = StateDir.open(stateDir)) {
            assertThatThrownBy(() -> StateDir.open(stateDir))
                    .isInstanceOf(OutboxException.class).hasMessageContaining("in use by another agentd");
        }
    }

    @Test
    void append_thousandMessages_singleAndBatched_isFastEnough() throws Exception {
        try (StateDir dir = StateDir.open(stateDir)) {
            Outbox outbox = Outbox.open(dir, codec);
            long start = System.nanoTime();
            for (int i = 0; i < 500; i++) {
                outbox.append(event("single" + i));
            }
            long single = System.nanoTime() - start;
            List<EventsAppend> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(event("batch" + i));
            }
            start = System.nanoTime();
            outbox.appendAll(batch);
            long batched = System.nanoTime() - start;
            start = System.nanoTime();
            outbox.ack(1000);
            long ack = System.nanoTime() - start;
            System.out.printf("outbox: 500 single appends %.1f ms (%.2f ms each), 500 batched %.1f ms, ack of 1000 %.1f ms%n",
                    single / 1e6, single / 5e8, batched / 1e6, ack / 1e6);
            assertThat(outbox.pendingSeqs()).isEmpty();
            assertThat(outbox.append(CommandsResult.failure("c1", "x"))).isEqualTo(1001);
        }
    }

    private static EventsAppend event(String name) {
        return new EventsAppend("s-1", "test." + name, null);
    }

    private List<Path> messageFiles() throws IOException {
        try (var files = Files.list(stateDir.resolve("outbox"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
