package dev.agentcommander.agentd.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on 127.0.0.1:0 to one upstream port. {@link #dropDownstream()} makes the open connections half-open:
 * bytes from the client still reach the upstream, the upstream's bytes are read and thrown away. Connections
 * accepted later forward both ways. {@link #cut()} closes the open connections, {@link #refuse} closes new ones at
 * once (a control plane that cannot be reached). Thread-safe; one thread per direction of each connection.
 */
public final class TcpProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);
    private final ServerSocket server;
    private final int upstreamPort;
    private final List<Pipe> pipes = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean refusing;

    private TcpProxy(ServerSocket server, int upstreamPort) {
        this.server = server;
        this.upstreamPort = upstreamPort;
    }

    public static TcpProxy start(int upstreamPort) {
        try {
            TcpProxy proxy = new TcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstreamPort);
            Thread acceptor = new Thread(proxy::acceptLoop, "tcp-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many client connections were accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** From now on, the open connections deliver nothing from the upstream to the client. */
    public void dropDownstream() {
        pipes.forEach(pipe -> pipe.dropDownstream = true);
    }

    /** Closes every open connection (both sides see the TCP connection end); new ones are accepted as before. */
    public void cut() {
        pipes.forEach(Pipe::close);
        pipes.clear();
    }

    /** While true, a new connection is accepted and closed at once. */
    public void refuse(boolean value) {
        refusing = value;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Pipe pipe : pipes) {
            pipe.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 5_000);
                Pipe pipe = new Pipe(client, upstream);
                pipes.add(pipe);
                accepted.incrementAndGet();
                pipe.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static final class Pipe {
        final Socket client;
        final Socket upstream;
        volatile boolean dropDownstream;

        Pipe(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            thread("tcp-proxy-up", () -> pump(client, upstream, false));
            thread("tcp-proxy-down", () -> pump(upstream, client, true));
        }

        private void pump(Socket from, Socket to, boolean downstream) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!(downstream && dropDownstream)) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                LOG.debug("proxied connection ended: {}", e.toString()); // the other side is closed below
            } finally {
                close();
            }
        }

        void close() {
            closeQuietly(client);
            closeQuietly(upstream);
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing a proxied socket failed: {}", e.toString());
            }
        }

        private static void thread(String name, Runnable body) {
            Thread thread = new Thread(body, name);
            thread.setDaemon(true);
            thread.start();
        }
    }
}
