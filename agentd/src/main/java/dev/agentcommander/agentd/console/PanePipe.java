package dev.agentcommander.agentd.console;

import dev.agentcommander.agentd.internal.Shell;
import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw output of one pane, read from a FIFO that tmux writes with {@code pipe-pane -o 'exec cat > <fifo>'}: a
 * blocking read (no polling, no file that grows), and tmux keeps its full pane speed. The pane carries the
 * {@link #MARKER} option while the pipe is ours, so a stale one can be found and stopped after a crash. Agentd
 * opens the FIFO read-write, so opening never blocks and a restarting writer is no EOF. The reader thread
 * "agentd-console %N" owns the reading through an interruptible channel: {@link #close()} closes it, which wakes a
 * blocked read, so closing never writes into a FIFO that may be full. {@link #close()} is thread-safe.
 */
final class PanePipe implements AutoCloseable {
    /** Receives output on the reader thread. */
    interface Listener {
        void output(byte[] data, int length);

        /** Nothing more is waiting in the FIFO right now: a good moment to send what was collected. */
        void idle();
    }

    static final String MARKER = "@ac_console_pipe";
    private static final Logger LOG = LoggerFactory.getLogger(PanePipe.class);

    private final TmuxRunner tmux;
    private final String paneId;
    private final Path fifo;
    private final RandomAccessFile file;
    private final FileChannel channel;
    private final Listener listener;
    private final Thread reader;
    private volatile boolean closing;

    private PanePipe(TmuxRunner tmux, String paneId, Path fifo, RandomAccessFile file, Listener listener) {
        this.tmux = tmux;
        this.paneId = paneId;
        this.fifo = fifo;
        this.file = file;
        this.channel = file.getChannel();
        this.listener = listener;
        this.reader = new Thread(this::read, "agentd-console " + paneId);
        this.reader.setDaemon(true);
    }

    /**
     * Starts piping {@code paneId} into a FIFO under {@code dir}.
     *
     * @throws PaneBusyException when the pane already has a pipe that is not ours (e.g. the user's logging)
     */
    static PanePipe open(TmuxRunner tmux, Path dir, String paneId, Listener listener)
            throws TmuxException, IOException, PaneBusyException {
        String state = tmux.run("display-message", "-p", "-t", paneId, "#{pane_pipe} #{" + MARKER + "}").strip();
        if (state.equals("1")) {
            throw new PaneBusyException(paneId);
        }
        if (state.equals("1 1")) {
            tmux.run("pipe-pane", "-t", paneId); // our own, left by a previous run
        }
        Files.createDirectories(dir);
        Path fifo = dir.resolve("pane-" + paneId.substring(1) + ".fifo");
        Files.deleteIfExists(fifo);
        mkfifo(fifo);
        PanePipe pipe = new PanePipe(tmux, paneId, fifo, new RandomAccessFile(fifo.toFile(), "rw"), listener);
        try {
            tmux.run("set-option", "-p", "-t", paneId, MARKER, "1");
            tmux.run("pipe-pane", "-o", "-t", paneId, "exec cat > " + Shell.quoted(fifo.toString()));
        } catch (TmuxException e) {
            pipe.close();
            throw e;
        }
        pipe.reader.start();
        return pipe;
    }

    /** Stops the pipe in tmux, ends the reader (closing the channel wakes its read), removes the FIFO. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            tmux.run("pipe-pane", "-t", paneId);
            tmux.run("set-option", "-p", "-u", "-t", paneId, MARKER);
        } catch (TmuxException e) {
            LOG.debug("cannot stop the pipe of pane {} (it probably closed)", paneId, e);
        }
        try {
            channel.close();
            reader.join(TimeUnit.SECONDS.toMillis(2));
            file.close();
            Files.deleteIfExists(fifo);
        } catch (IOException e) {
            LOG.warn("cannot clean up console FIFO {}", fifo, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read() {
        try {
            FileInputStream waiting = new FileInputStream(file.getFD());
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            int read;
            while ((read = channel.read(buffer)) != -1 && !closing) {
                listener.output(buffer.array(), read);
                buffer.clear();
                if (waiting.available() == 0) {
                    listener.idle();
                }
            }
        } catch (AsynchronousCloseException e) {
            // closed by close(): the stream ends here
        } catch (IOException e) {
            if (!closing) {
                LOG.warn("reading the console of pane {} failed; its stream stops", paneId, e);
            }
        } catch (RuntimeException e) {
            LOG.error("console reader of pane {} failed", paneId, e);
        }
    }

    private static void mkfifo(Path fifo) throws IOException {
        Process process = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).redirectErrorStream(true)
                .start();
        try {
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("mkfifo " + fifo + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating " + fifo, e);
        }
    }

    /** Stops pipes a previous agentd left on panes (after a crash), and removes its FIFOs. */
    static void cleanUpStale(TmuxRunner tmux, Path dir) {
        try {
            String out = tmux.run("list-panes", "-a", "-F", "#{pane_id} #{" + MARKER + "}");
            for (String line : out.split("\n")) {
                List<String> fields = Arrays.asList(line.split(" "));
                if (fields.size() == 2 && fields.get(1).equals("1")) {
                    tmux.run("pipe-pane", "-t", fields.get(0));
                    tmux.run("set-option", "-p", "-u", "-t", fields.get(0), MARKER);
                    LOG.info("stopped the console pipe a previous agentd left on pane {}", fields.get(0));
                }
            }
        } catch (TmuxException e) {
            if (!e.noServer()) {
                LOG.warn("cannot check tmux for stale console pipes: {}", e.getMessage());
            }
        }
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".fifo")).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                LOG.warn("cannot remove stale console FIFOs in {}", dir, e);
            }
        }
    }
}
