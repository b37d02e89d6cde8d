package dev.agentcommander.chaos.abuse;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Text that no endpoint may accept as a body or frame: broken JSON, JSON that is no object, wrong types, deep
 * nesting, NUL characters, numbers out of range. Each comes with a short name for the tally. Stateless.
 */
public final class HostileJson {
    /** One generated input: {@code kind} names how it is broken. */
    public record Input(String kind, String text) {
    }

    private static final List<String> NOT_OBJECTS = List.of("null", "[]", "42", "\"text\"", "true", "");

    private HostileJson() {
    }

    /** A broken body or frame in place of {@code valid} (a valid JSON object of the same endpoint). */
    public static Input next(RandomGenerator random, String valid) {
        return switch (random.nextInt(9)) {
            case 0 -> new Input("truncated", valid.substring(0, 1 + random.nextInt(valid.length() - 1)));
            case 1 -> new Input("not an object", NOT_OBJECTS.get(random.nextInt(NOT_OBJECTS.size())));
            case 2 -> new Input("trailing garbage", valid + " }{" + random.nextInt());
            case 3 -> new Input("deep nesting", nested(random, 2_000 + random.nextInt(50_000)));
            case 4 -> new Input("wrong types", valid.replaceAll(":\\s*\"[^\"]*\"", ": " + wrongValue(random)));
            case 5 -> new Input("NUL character", valid.replaceFirst(":\\s*\"", ": \"\\\\u0000"));
            case 6 -> new Input("bad escape", valid.replaceFirst(":\\s*\"", ": \"\\\\uZZZZ"));
            case 7 -> new Input("huge number", valid.replaceFirst(":\\s*\"[^\"]*\"", ": 1e99999999"));
            default -> new Input("random bytes", randomText(random, 1 + random.nextInt(2_000)));
        };
    }

    /** {@code depth} arrays or objects inside each other, closed or not. */
    private static String nested(RandomGenerator random, int depth) {
        boolean arrays = random.nextBoolean();
        StringBuilder text = new StringBuilder("{\"type\":\"subscribe\",\"payload\":");
        text.append((arrays ? "[" : "{\"a\":").repeat(depth));
        if (random.nextBoolean()) {
            text.append("1").append((arrays ? "]" : "}").repeat(depth)).append("}");
        }
        return text.toString();
    }

    private static String wrongValue(RandomGenerator random) {
        return switch (random.nextInt(5)) {
            case 0 -> "5";
            case 1 -> "[\"a\"]";
            case 2 -> "{\"x\":1}";
            case 3 -> "true";
            default -> "-9223372036854775809";
        };
    }

    private static String randomText(RandomGenerator random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (1 + random.nextInt(0xD7FF)));
        }
        return text.toString();
    }
}
