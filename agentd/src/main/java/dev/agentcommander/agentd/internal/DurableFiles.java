package dev.agentcommander.agentd.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe small files: content goes to a temp file in the same directory, is fsynced, then atomically renamed
 * over the target, and the directory is fsynced, so after a crash the target holds either the old or the new
 * content, never a mix. Stateless.
 */
public final class DurableFiles {
    public static final String TEMP_SUFFIX = ".tmp";

    private DurableFiles() {
    }

    /** Writes {@code content} to {@code target} durably (temp file, fsync, rename, fsync directory). */
    public static void write(Path target, String content) throws IOException {
        Path temp = writeTemp(target, content);
        try {
            commit(temp, target);
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw e;
        }
        syncDirectory(target.getParent());
    }

    /** The first half of {@link #write}: writes and fsyncs {@code target}'s temp file; returns its path. */
    public static Path writeTemp(Path target, String content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw e;
        }
        return temp;
    }

    /** Atomically renames a temp file written by {@link #writeTemp} over its target. */
    public static void commit(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target.getParent() + " cannot rename atomically", e);
        }
    }

    /** Makes renames and deletions in {@code directory} durable. */
    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Deletes a leftover file; a failure is attached to {@code original} instead of hiding it. */
    public static void deleteQuietly(Path file, Exception original) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException cleanup) {
            original.addSuppressed(cleanup);
        }
    }
}
