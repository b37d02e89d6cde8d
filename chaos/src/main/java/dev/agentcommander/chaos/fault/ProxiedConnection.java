package dev.agentcommander.chaos.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.function.LongConsumer;

/**
 * One client connection through the {@link ChaosProxy}: a thread per direction copying bytes, which a fault can pause
 * ({@link #stall}), make silent ({@link #silence}: bytes are read and thrown away both ways, nothing is closed, like a
 * link that died without a FIN) or close ({@link #cut}). Thread-safe.
 */
final class ProxiedConnection {
    private final Socket client;
    private final Socket upstream;
    private final LongConsumer noticedSilence;
    private volatile long stalledUntilNanos;
    private volatile long silentSinceNanos;
    private volatile boolean closed;

    ProxiedConnection(Socket client, Socket upstream, LongConsumer noticedSilence) {
        this.client = client;
        this.upstream = upstream;
        this.noticedSilence = noticedSilence;
    }

    void start(String name) {
        thread(() -> copy(client, upstream, true), name + "-up").start();
        thread(() -> copy(upstream, client, false), name + "-down").start();
    }

    boolean open() {
        return !closed;
    }

    boolean silent() {
        return silentSinceNanos != 0;
    }

    void stall(long millis) {
        stalledUntilNanos = System.nanoTime() + millis * 1_000_000;
    }

    void silence() {
        if (silentSinceNanos == 0) {
            silentSinceNanos = System.nanoTime();
        }
    }

    void cut() {
        closed = true;
        closeQuietly(client);
        closeQuietly(upstream);
    }

    private void copy(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                while (System.nanoTime() < stalledUntilNanos && !closed) {
                    Thread.sleep(10);
                }
                if (silentSinceNanos == 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            if (fromClient && silentSinceNanos != 0 && !closed) {
                // The client gave up on a silent link: that is what its heartbeat or ack timeout is for.
                noticedSilence.accept((System.nanoTime() - silentSinceNanos) / 1_000_000);
            }
        } catch (IOException e) {
            if (fromClient && silentSinceNanos != 0 && !closed) {
                noticedSilence.accept((System.nanoTime() - silentSinceNanos) / 1_000_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            cut();
        }
    }

    private static Thread thread(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket the other direction already closed; nothing is lost
        }
    }
}
