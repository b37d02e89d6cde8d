package dev.agentcommander.agentd.channel;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * agentd's state directory, held under an exclusive lock ({@code <state_dir>/agentd.lock}) so two daemons never
 * share one outbox. Thread-safe; {@link #close()} releases the lock.
 */
public final class StateDir implements AutoCloseable {
    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StateDir(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates the directory if needed and locks it. */
    public static StateDir open(Path path) throws OutboxException {
        Path dir = path.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new OutboxException("storage.state_dir " + dir + " cannot be created: " + e.getFile()
                    + " exists and is not a directory", e);
        } catch (IOException | SecurityException e) {
            throw new OutboxException("storage.state_dir " + dir + " cannot be created: " + e
                    + " (create it, owned by the user agentd runs as, or set storage.state_dir)", e);
        }
        Path lockFile = dir.resolve("agentd.lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | SecurityException e) {
            throw new OutboxException("storage.state_dir " + dir + " is not writable: cannot create " + lockFile
                    + ": " + e + " (give the user agentd runs as write access, or set storage.state_dir)", e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw lockedBy(dir, channel, null);
            }
            return new StateDir(dir, channel, lock);
        } catch (OverlappingFileLockException e) {
            throw lockedBy(dir, channel, e);
        } catch (IOException e) {
            closeAfter(channel, e);
            throw new OutboxException("cannot lock storage.state_dir " + dir + ": " + e, e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new OutboxException("cannot release the lock on " + path + ": " + e, e);
        }
    }

    private static OutboxException lockedBy(Path dir, FileChannel channel, Exception cause) {
        OutboxException error = new OutboxException("storage.state_dir " + dir
                + " is in use by another agentd (it holds agentd.lock); give each agentd its own state_dir", cause);
        closeAfter(channel, error);
        return error;
    }

    private static void closeAfter(FileChannel channel, Exception original) {
        try {
            channel.close();
        } catch (IOException cleanup) {
            original.addSuppressed(cleanup);
        }
    }
}
