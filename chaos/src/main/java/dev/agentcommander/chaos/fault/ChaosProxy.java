package dev.agentcommander.chaos.fault;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * A TCP proxy on 127.0.0.1 in front of one upstream port, whose open connections faults can cut, stall or silence
 * (half-open). Records how long each silenced connection took its client to give up. Thread-safe.
 */
public final class ChaosProxy implements AutoCloseable {
    public enum Fault { CUT, STALL, HALF_OPEN }

    private final ServerSocket server;
    private final int upstreamPort;
    private final List<ProxiedConnection> connections = new CopyOnWriteArrayList<>();
    private final List<Long> silenceNoticedMillis = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    public ChaosProxy(int upstreamPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        Thread acceptor = new Thread(this::acceptLoop, "chaos-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public int accepted() {
        return accepted.get();
    }

    /** How long, per silenced connection, its client took to close it. */
    public List<Long> silenceNoticedMillis() {
        return List.copyOf(silenceNoticedMillis);
    }

    /** Applies {@code fault} to one open connection picked at random; returns false when none is open. */
    public boolean inject(Fault fault, RandomGenerator random) {
        List<ProxiedConnection> open = connections.stream().filter(c -> c.open() && !c.silent()).toList();
        if (open.isEmpty()) {
            return false;
        }
        ProxiedConnection target = open.get(random.nextInt(open.size()));
        switch (fault) {
            case CUT -> target.cut();
            case STALL -> target.stall(300 + random.nextInt(1_700));
            case HALF_OPEN -> target.silence();
        }
        return true;
    }

    /** Silences every open connection (the probe of how fast a silent link is noticed). */
    public void silenceAll() {
        connections.stream().filter(ProxiedConnection::open).forEach(ProxiedConnection::silence);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                } catch (IOException e) {
                    client.close(); // the control plane is down: the client sees a refused link
                    continue;
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                ProxiedConnection connection = new ProxiedConnection(client, upstream, silenceNoticedMillis::add);
                connections.removeIf(c -> !c.open());
                connections.add(connection);
                connection.start("chaos-proxy-" + accepted.incrementAndGet());
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("chaos proxy: accept failed: " + e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.forEach(ProxiedConnection::cut);
    }
}
