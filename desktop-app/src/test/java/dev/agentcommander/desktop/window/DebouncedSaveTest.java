package dev.agentcommander.desktop.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DebouncedSaveTest {
    private record Write(int value, String thread) {
    }

    private final List<Write> writes = new CopyOnWriteArrayList<>();

    private void write(int value) {
        writes.add(new Write(value, Thread.currentThread().getName()));
    }

    @Test
    void aBurstOfChanges_isWrittenSoon_asItsLastValue_onTheSavingThread() {
        DebouncedSave<Integer> saves = new DebouncedSave<>("test-save", Duration.ofMillis(200), this::write);
        try {
            for (int i = 1; i <= 1000; i++) {
                saves.changed(i);
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> !writes.isEmpty()
                    && writes.get(writes.size() - 1).value() == 1000);
            assertThat(writes).hasSizeLessThan(1000).extracting(Write::thread).containsOnly("test-save");
        } finally {
            saves.close();
        }
    }

    @Test
    void close_writesWhatIsNotSavedYet_andLaterChangesAreDropped() {
        DebouncedSave<Integer> saves = new DebouncedSave<>("test-save", Duration.ofHours(1), this::write);
        saves.changed(7);

        saves.close();
        saves.changed(8);

        assertThat(writes).containsExactly(new Write(7, "test-save"));
    }
}
