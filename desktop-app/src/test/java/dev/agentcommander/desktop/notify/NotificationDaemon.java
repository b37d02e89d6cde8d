package dev.agentcommander.desktop.notify;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real freedesktop notification service for tests: a private D-Bus session bus ({@code dbus-daemon}), a private
 * X display ({@code Xvfb}) and {@code dunst} on them; read and clicked through {@code dunstctl}, and every
 * {@code Notify} call on the bus recorded by {@code dbus-monitor} when asked to.
 */
final class NotificationDaemon implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(20);
    private static final String NOTIFY_CALLS = "notify-calls";
    private static final Pattern STRING_ARGUMENT = Pattern.compile("(?s)\n\\s*string \"(.*?)\"(?=\n)");

    /** One {@code Notify} call as the notification service received it. */
    record Notified(String summary, String body) {
    }

    private final List<Process> processes = new ArrayList<>();
    private final Path dir;
    private final String busAddress;
    private final String display;

    private NotificationDaemon(Path dir) throws IOException {
        this.dir = dir;
        busAddress = "unix:path=" + dir.resolve("bus");
        display = ":" + ThreadLocalRandom.current().nextInt(200, 900);
        processes.add(start(dir, "bus", "dbus-daemon", "--session", "--nofork", "--address=" + busAddress));
        processes.add(start(dir, "xvfb", "Xvfb", display, "-screen", "0", "1024x768x24", "-nolisten", "tcp"));
        await().atMost(START).until(() -> Files.exists(dir.resolve("bus"))
                && Files.exists(Path.of("/tmp/.X11-unix/X" + display.substring(1))));
        processes.add(start(dir, "dunst", "dunst", "-conf", "/etc/xdg/dunst/dunstrc"));
        await().atMost(START).ignoreExceptions().until(() -> dunstctl("is-paused").strip().equals("false"));
    }

    static NotificationDaemon start(Path dir) throws IOException {
        return new NotificationDaemon(dir);
    }

    String busAddress() {
        return busAddress;
    }

    int displayed() throws IOException {
        return Integer.parseInt(dunstctl("count", "displayed").strip());
    }

    /** From now on, records each {@code Notify} call on the bus; read them with {@link #notified()}. */
    void recordNotifyCalls() throws IOException {
        processes.add(start(dir, NOTIFY_CALLS, "dbus-monitor", "--address", busAddress,
                "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"));
        // dbus-monitor says when it listens: the bus hands it a name (and takes it back, as monitors have none).
        await().atMost(START).until(() -> Files.readString(dir.resolve(NOTIFY_CALLS + ".log")).contains("NameLost"));
    }

    /** The {@code Notify} calls recorded so far, oldest first. */
    List<Notified> notified() throws IOException {
        List<Notified> calls = new ArrayList<>();
        String log = Files.readString(dir.resolve(NOTIFY_CALLS + ".log"));
        // A message starts at the start of a line with its kind; strings (a body) may span lines.
        for (String message : log.split("\n(?=(?:method call|method return|signal|error) )")) {
            if (!message.startsWith("method call") || !message.contains("member=Notify")) {
                continue;
            }
            // app_name, app_icon, summary, body, then the actions.
            List<String> strings = new ArrayList<>();
            Matcher argument = STRING_ARGUMENT.matcher(message + "\n");
            while (argument.find()) {
                strings.add(argument.group(1));
            }
            if (strings.size() >= 4) {
                calls.add(new Notified(strings.get(2), strings.get(3)));
            }
        }
        return calls;
    }

    /** Clicks the topmost notification (its default action). */
    void clickTopmost() throws IOException {
        dunstctl("action", "0");
    }

    void closeAll() throws IOException {
        dunstctl("close-all");
    }

    /** Closed notifications as dunst's JSON history. */
    String history() throws IOException {
        return dunstctl("history");
    }

    String dunstctl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("dunstctl"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DBUS_SESSION_BUS_ADDRESS", busAddress);
        Process process = builder.start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("dunstctl " + String.join(" ", args) + " did not answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("dunstctl " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private Process start(Path dir, String name, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("DBUS_SESSION_BUS_ADDRESS", busAddress);
        builder.environment().put("DISPLAY", display);
        builder.environment().put("HOME", dir.toString());
        return builder.start();
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
