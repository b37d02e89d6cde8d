package dev.agentcommander.chaos.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap figures of a JVM's {@code -Xlog:gc} file: each collection logs the heap in use before and after it
 * ({@code 118M->23M(256M)}). Since the heap in use only grows between collections, the highest "before" (or the
 * heap now, if higher) is the peak of the run; the highest "after" is the most the JVM still held right after a
 * collection, garbage of old regions a young collection leaves included.
 */
public record GcLog(long collections, long peakBeforeBytes, long peakAfterBytes, long peakCommittedBytes) {
    private static final Pattern SIZES = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    public static GcLog read(Path file) throws IOException {
        long collections = 0;
        long before = 0;
        long after = 0;
        long committed = 0;
        for (String line : Files.readAllLines(file)) {
            Matcher sizes = SIZES.matcher(line);
            if (sizes.find()) {
                collections++;
                before = Math.max(before, bytes(sizes.group(1), sizes.group(2)));
                after = Math.max(after, bytes(sizes.group(3), sizes.group(4)));
                committed = Math.max(committed, bytes(sizes.group(5), sizes.group(6)));
            }
        }
        return new GcLog(collections, before, after, committed);
    }

    private static long bytes(String number, String unit) {
        long value = Long.parseLong(number);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }
}
