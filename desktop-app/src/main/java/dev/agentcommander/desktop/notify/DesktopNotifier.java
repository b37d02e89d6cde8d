package dev.agentcommander.desktop.notify;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desktop notifications through the freedesktop.org notification service on the D-Bus session bus (dunst, GNOME
 * Shell, KDE Plasma …). Bus calls run on its own thread, so the UI thread never waits on D-Bus; a click on a
 * notification hands its target to {@code onClick} on the UI executor. Without a session bus or a notification
 * service it logs once and shows nothing. Thread-safe.
 */
public final class DesktopNotifier implements NoticeSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopNotifier.class);
    private static final String APP_NAME = "Agent Commander";
    private static final String DEFAULT_ACTION = "default";
    private static final byte URGENCY_NORMAL = 1;
    private static final int CONNECT_ATTEMPTS = 5;
    private static final long RETRY_PAUSE_MS = 200;

    private final ExecutorService bus = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "desktop-notify");
        thread.setDaemon(true);
        return thread;
    });
    private final Executor ui;
    private final Consumer<Notice.Target> onClick;
    private final Map<String, UInt32> idsByKey = new ConcurrentHashMap<>();
    private final Map<UInt32, Notice> noticesById = new ConcurrentHashMap<>();
    private DBusConnection connection;
    private FreedesktopNotifications service;

    private DesktopNotifier(Executor ui, Consumer<Notice.Target> onClick) {
        this.ui = ui;
        this.onClick = onClick;
    }

    /** Connects to the bus at {@code busAddress} (the session bus's {@code DBUS_SESSION_BUS_ADDRESS}; null = none). */
    public static DesktopNotifier start(String busAddress, Executor ui, Consumer<Notice.Target> onClick) {
        DesktopNotifier notifier = new DesktopNotifier(ui, onClick);
        notifier.onBus(() -> notifier.connect(busAddress));
        return notifier;
    }

    @Override
    public void show(Notice notice) {
        onBus(() -> {
            if (service == null) {
                return;
            }
            UInt32 previous = idsByKey.get(notice.key());
            try {
                UInt32 id = service.showNotification(APP_NAME, previous == null ? new UInt32(0) : previous, "dialog-information",
                        notice.summary(), notice.body(), List.of(DEFAULT_ACTION, "Open"),
                        Map.of("urgency", new Variant<>(URGENCY_NORMAL)), -1);
                idsByKey.put(notice.key(), id);
                if (previous != null && !previous.equals(id)) {
                    noticesById.remove(previous);
                }
                noticesById.put(id, notice);
            } catch (DBusExecutionException e) {
                LOG.warn("The notification service refused a notification: {}", e.getMessage());
            }
        });
    }

    @Override
    public void withdraw(String key) {
        onBus(() -> {
            UInt32 id = idsByKey.remove(key);
            if (id == null || service == null) {
                return;
            }
            noticesById.remove(id);
            try {
                service.closeNotification(id);
            } catch (DBusExecutionException e) {
                LOG.debug("Closing notification {} failed: {}", id, e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        onBus(() -> {
            if (connection != null) {
                connection.disconnect();
                connection = null;
                service = null;
            }
        });
        bus.shutdown();
    }

    private void connect(String busAddress) {
        if (busAddress == null || busAddress.isBlank()) {
            LOG.info("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set): desktop notifications are off");
            return;
        }
        for (int attempt = 1; attempt <= CONNECT_ATTEMPTS; attempt++) {
            try {
                connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
                service = connection.getRemoteObject(FreedesktopNotifications.BUS_NAME,
                        FreedesktopNotifications.OBJECT_PATH, FreedesktopNotifications.class);
                connection.addSigHandler(FreedesktopNotifications.ActionInvoked.class, this::invoked);
                connection.addSigHandler(FreedesktopNotifications.NotificationClosed.class, this::closed);
                LOG.info("Desktop notifications through the session bus");
                return;
            } catch (DBusException | RuntimeException e) {
                // A bus that is still starting up may refuse the first attempt.
                LOG.debug("Connecting to the session bus at {} failed (attempt {}): {}", busAddress, attempt, e.toString());
                if (connection != null) {
                    connection.disconnect();
                }
                connection = null;
                service = null;
                if (attempt == CONNECT_ATTEMPTS) {
                    LOG.warn("Desktop notifications are off: cannot use the D-Bus session bus at {}: {}", busAddress,
                            e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(RETRY_PAUSE_MS * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** On a D-Bus thread. */
    private void invoked(FreedesktopNotifications.ActionInvoked signal) {
        Notice notice = noticesById.get(signal.id());
        if (notice != null) {
            ui.execute(() -> onClick.accept(notice.target()));
        }
    }

    /** On a D-Bus thread. */
    private void closed(FreedesktopNotifications.NotificationClosed signal) {
        Notice notice = noticesById.remove(signal.id());
        if (notice != null) {
            idsByKey.remove(notice.key(), signal.id());
        }
    }

    private void onBus(Runnable task) {
        try {
            bus.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Notifications closed; dropped");
        }
    }
}
