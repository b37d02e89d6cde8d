package dev.agentcommander.desktop.solo;

import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/** {@code <data-dir>/control-plane.json}, written while this app's control plane runs. Thread-safe. */
final class ControlPlaneInfoFile {
    private final Path file;
    private final WireCodec codec;
    private final HttpClient http;

    ControlPlaneInfoFile(Path file, WireCodec codec, HttpClient http) {
        this.file = file;
        this.codec = codec;
        this.http = http;
    }

    Path path() {
        return file;
    }

    /** Another live instance that answers on the URL it wrote; a stale file (dead pid, no answer) is not one. */
    Optional<ControlPlaneInfo> otherRunningInstance() {
        Optional<ControlPlaneInfo> info = read();
        if (info.isEmpty() || info.get().pid() == ProcessHandle.current().pid()) {
            return Optional.empty();
        }
        boolean alive = ProcessHandle.of(info.get().pid()).map(ProcessHandle::isAlive).orElse(false);
        return alive && answersHealth(info.get().url()) ? info : Optional.empty();
    }

    void write(ControlPlaneInfo info) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, codec.mapper().writeValueAsString(info) + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the file if this process wrote it; a newer instance's file is left alone. */
    void deleteIfOurs() throws IOException {
        Optional<ControlPlaneInfo> info = read();
        if (info.isPresent() && info.get().pid() == ProcessHandle.current().pid()) {
            Files.deleteIfExists(file);
        }
    }

    private Optional<ControlPlaneInfo> read() {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            return Optional.of(codec.decodeBody(Files.readString(file, StandardCharsets.UTF_8), ControlPlaneInfo.class));
        } catch (IOException | WireFormatException e) {
            return Optional.empty();
        }
    }

    private boolean answersHealth(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
