package dev.agentcommander.desktop.notify;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/** The freedesktop.org notification service (Desktop Notifications Specification 1.2), as far as the app uses it. */
@DBusInterfaceName("org.freedesktop.Notifications")
public interface FreedesktopNotifications extends DBusInterface {
    String BUS_NAME = "org.freedesktop.Notifications";
    String OBJECT_PATH = "/org/freedesktop/Notifications";

    /**
     * Shows (or, with {@code replacesId} not 0, replaces) a notification; answers its id. (Not named {@code notify}:
     * the remote proxy treats {@link Object}'s method names as its own.)
     */
    @DBusMemberName("Notify")
    UInt32 showNotification(String appName, UInt32 replacesId, String appIcon, String summary, String body, List<String> actions,
                  Map<String, Variant<?>> hints, int expireTimeout);

    @DBusMemberName("CloseNotification")
    void closeNotification(UInt32 id);

    /** The person clicked the notification ({@code actionKey} "default") or one of its actions. */
    class ActionInvoked extends DBusSignal {
        private final UInt32 id;
        private final String actionKey;

        public ActionInvoked(String path, UInt32 id, String actionKey) throws DBusException {
            super(path, id, actionKey);
            this.id = id;
            this.actionKey = actionKey;
        }

        public UInt32 id() {
            return id;
        }

        public String actionKey() {
            return actionKey;
        }
    }

    /** The notification went away: expired (1), dismissed (2), closed by a call (3) or otherwise (4). */
    class NotificationClosed extends DBusSignal {
        private final UInt32 id;

        public NotificationClosed(String path, UInt32 id, UInt32 reason) throws DBusException {
            super(path, id, reason);
            this.id = id;
        }

        public UInt32 id() {
            return id;
        }
    }
}
