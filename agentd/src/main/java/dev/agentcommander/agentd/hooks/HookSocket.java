package dev.agentcommander.agentd.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Unix-socket endpoint of {@code agentd hook} (Claude Code's {@code "type": "command"} hooks), for clients that
 * cannot reach the HTTP receiver (a pane in another network namespace) or should fail quietly when agentd is down.
 * The socket file is mode 600: only agentd's user can connect, which is the authentication. One request per
 * connection ({@link HookWire}); each gets its own thread, since a permission request blocks until it is decided.
 * Thread-safe.
 */
final class HookSocket implements AutoCloseable {
    /** The header and body must arrive within this; a stalled client is cut off. */
    static final long READ_TIMEOUT_MILLIS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(HookSocket.class);

    private final Path path;
    private final ServerSocketChannel server;
    private final HookRequests requests;
    private final ExecutorService threads;
    private final ScheduledExecutorService timer;
    private final Thread acceptor;
    private volatile boolean closed;

    private HookSocket(Path path, ServerSocketChannel server, HookRequests requests) {
        this.path = path;
        this.server = server;
        this.requests = requests;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> daemon(runnable, "agentd-hook-sock-"
                + count.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "agentd-hook-sock-timer"));
        this.acceptor = daemon(this::accept, "agentd-hook-sock-accept");
    }

    /** Binds {@code path} (replacing a stale socket file), mode 600, and starts accepting. */
    static HookSocket start(Path path, HookReceiver receiver, ObjectMapper json) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.deleteIfExists(path); // a socket left by a killed agentd; the state dir lock means none runs now
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IOException("cannot listen on hook socket " + path + ": " + e.getMessage(), e);
        }
        HookSocket socket = new HookSocket(path, server, new HookRequests(receiver, json));
        socket.acceptor.start();
        return socket;
    }

    Path path() {
        return path;
    }

    private void accept() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("hook socket {} stopped accepting: {}", path, e.toString());
                }
                return;
            }
            threads.execute(() -> serve(client));
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            HookReply reply;
            ScheduledFuture<?> cutOff = timer.schedule(() -> closeQuietly(client), READ_TIMEOUT_MILLIS,
                    TimeUnit.MILLISECONDS);
            byte[] request;
            try {
                request = readAll(client);
            } finally {
                cutOff.cancel(false);
            }
            reply = request == null ? HookReply.error(413, "hook request over "
                    + HookRequests.MAX_BODY_BYTES / (1024 * 1024) + " MiB\n") : handle(request);
            client.write(ByteBuffer.wrap(HookWire.reply(reply)));
        } catch (IOException e) {
            // the client went away (Claude Code's hook timeout killed it): nothing to answer
            LOG.debug("hook socket request ended early: {}", e.toString());
        }
    }

    private HookReply handle(byte[] request) {
        HookWire.Request parsed;
        try {
            parsed = HookWire.parseRequest(request);
        } catch (IllegalArgumentException e) {
            return HookReply.error(400, e.getMessage() + "\n");
        }
        return requests.handle(parsed.event(), parsed.paneId(), parsed.body());
    }

    /** Everything until the client half-closes; null when over the limit. */
    private static byte[] readAll(SocketChannel client) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        int limit = HookRequests.MAX_BODY_BYTES + HookWire.MAX_HEADER_BYTES;
        while (client.read(buffer) >= 0) {
            buffer.flip();
            bytes.write(buffer.array(), 0, buffer.limit());
            buffer.clear();
            if (bytes.size() > limit) {
                return null;
            }
        }
        return bytes.toByteArray();
    }

    private static void closeQuietly(SocketChannel client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing hook socket: {}", e.toString());
        }
        threads.shutdownNow();
        timer.shutdownNow();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("cannot remove hook socket {}: {}", path, e.toString());
        }
    }
}
