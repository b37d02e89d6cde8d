package dev.agentcommander.desktop.solo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.schema.WireCodec;
import java.net.http.HttpClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class ControlPlaneInfoFileTest {
    @TempDir
    Path dir;

    private ControlPlaneInfoFile file() {
        return new ControlPlaneInfoFile(dir.resolve("control-plane.json"), new WireCodec(), HttpClient.newHttpClient());
    }

    @Test
    void fileOfAnExitedProcess_isNotAnotherInstance() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        file().write(new ControlPlaneInfo("http://127.0.0.1:1", 1, exited.pid()));

        assertThat(file().otherRunningInstance()).isEmpty();
    }

    @Test
    void liveProcessThatDoesNotAnswer_isNotAnotherInstance() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            file().write(new ControlPlaneInfo("http://127.0.0.1:1", 1, sleeper.pid()));

            assertThat(file().otherRunningInstance()).isEmpty();
        } finally {
            sleeper.destroy();
        }
    }

    @Test
    void deleteIfOurs_removesOnlyThisProcesssFile() throws Exception {
        ControlPlaneInfoFile file = file();
        file.write(new ControlPlaneInfo("http://127.0.0.1:9", 9, ProcessHandle.current().pid() + 1_000_000));
        file.deleteIfOurs();
        assertThat(file.path()).exists();

        file.write(new ControlPlaneInfo("http://127.0.0.1:9", 9, ProcessHandle.current().pid()));
        file.deleteIfOurs();
        assertThat(file.path()).doesNotExist();
    }
}
