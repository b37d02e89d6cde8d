package dev.agentcommander.desktop.settings;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the desktop prefers dark: {@code org.freedesktop.appearance color-scheme} from the XDG desktop portal on
 * the session bus (1 = dark, 2 = light, 0 = no preference). Asked off the UI thread; empty when there is no bus,
 * no portal or no preference.
 */
public final class ColorSchemePortal {
    private static final Logger LOG = LoggerFactory.getLogger(ColorSchemePortal.class);
    private static final int PREFER_DARK = 1;
    private static final int PREFER_LIGHT = 2;

    @DBusInterfaceName("org.freedesktop.portal.Settings")
    public interface PortalSettings extends DBusInterface {
        @DBusMemberName("Read")
        Variant<?> readSetting(String namespace, String key);
    }

    private ColorSchemePortal() {
    }

    public static CompletableFuture<Optional<Boolean>> prefersDark(String busAddress) {
        return CompletableFuture.supplyAsync(() -> ask(busAddress), runnable -> {
            Thread thread = new Thread(runnable, "color-scheme");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static Optional<Boolean> ask(String busAddress) {
        if (busAddress == null || busAddress.isBlank()) {
            return Optional.empty();
        }
        try (DBusConnection connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build()) {
            PortalSettings portal = connection.getRemoteObject("org.freedesktop.portal.Desktop",
                    "/org/freedesktop/portal/desktop", PortalSettings.class);
            Object value = portal.readSetting("org.freedesktop.appearance", "color-scheme");
            // Read answers the value inside one more variant on older portals.
            while (value instanceof Variant<?> variant) {
                value = variant.getValue();
            }
            int scheme = value instanceof UInt32 number ? number.intValue() : -1;
            return scheme == PREFER_DARK ? Optional.of(true) : scheme == PREFER_LIGHT ? Optional.of(false) : Optional.empty();
        } catch (DBusException | java.io.IOException | RuntimeException e) {
            LOG.debug("No colour-scheme preference from the desktop portal: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
