package dev.agentcommander.desktop.console;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the FX thread's time goes, for benchmarks: samples its stack every few milliseconds and names each sample
 * by its innermost frame and the WebKit, JavaFX or desktop frames around it (a page's JavaScript, WebKit's layout
 * and paint, JavaScriptCore's collector and our code are told apart). Also notes every stretch of at least
 * {@link #LONG_NANOS} spent in one such place: those are the stalls a person sees.
 */
final class FxThreadSampler extends Thread {
    private static final long LONG_NANOS = 100_000_000L;
    private final Thread fx;
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, Long> longest = new HashMap<>();
    private volatile boolean running = true;
    private int samples;
    private int stalls;
    private String place = "";
    private long since = System.nanoTime();

    FxThreadSampler(Thread fx) {
        super("fx-thread-sampler");
        this.fx = fx;
        setDaemon(true);
    }

    @Override
    public void run() {
        while (running) {
            String now = place(fx.getStackTrace());
            long at = System.nanoTime();
            synchronized (this) {
                if (!now.equals(place)) {
                    if (at - since >= LONG_NANOS && !place.startsWith("java.lang.Object.wait")) {
                        stalls++;
                        longest.merge(place, at - since, Math::max);
                    }
                    place = now;
                    since = at;
                }
                counts.merge(now, 1, Integer::sum);
                samples++;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sampling and prints the six busiest places and the stalls. */
    synchronized void print() {
        running = false;
        System.out.printf("    FX thread (%d samples): ", samples);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(6)
                .forEach(entry -> System.out.printf("%.0f%% %s; ", 100.0 * entry.getValue() / samples,
                        entry.getKey()));
        System.out.printf("%n    stretches of 100 ms or more in one place: %d", stalls);
        longest.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .forEach(entry -> System.out.printf("; longest %.0f ms in %s", entry.getValue() / 1e6,
                        entry.getKey()));
        System.out.println();
    }

    private static String place(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return "?";
        }
        String top = stack[0].getClassName() + "." + stack[0].getMethodName();
        for (StackTraceElement frame : stack) {
            String name = frame.getClassName() + "." + frame.getMethodName();
            if (name.startsWith("com.sun.webkit.") || name.startsWith("dev.agentcommander.")) {
                String at = name.replace("com.sun.webkit.", "").replace("dev.agentcommander.desktop.", "");
                return top.equals(name) ? at : at + " (" + stack[0].getMethodName() + ")";
            }
        }
        return top.startsWith("java.lang.Object.wait") || top.contains("Unsafe.park") ? "java.lang.Object.wait (idle)"
                : "JavaFX " + stack[0].getMethodName();
    }
}
