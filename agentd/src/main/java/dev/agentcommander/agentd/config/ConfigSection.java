package dev.agentcommander.agentd.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One mapping of the YAML file, read key by key with typed defaults. Keys outside the allowed set are rejected
 * up front, so a typo ({@code poll_interval}) is an error instead of a silently ignored setting. Confined to the
 * loading thread.
 */
final class ConfigSection {
    private final JsonNode node;
    private final String prefix;
    private final Path baseDir;
    private final Set<String> allowed;

    ConfigSection(JsonNode node, String prefix, Path baseDir, String... allowedKeys) {
        this.node = node;
        this.prefix = prefix;
        this.baseDir = baseDir;
        this.allowed = Set.of(allowedKeys);
        if (node != null && !node.isNull() && !node.isObject()) {
            throw new ConfigException(prefix.isEmpty() ? "$" : prefix, "must be a mapping of keys, was " + describe(node));
        }
        rejectUnknownKeys();
    }

    ConfigSection section(String name, String... allowedKeys) {
        return new ConfigSection(take(name), key(name), baseDir, allowedKeys);
    }

    String string(String name, String fallback) {
        JsonNode value = take(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new ConfigException(key(name), "must be a string, was " + describe(value));
        }
        return value.textValue();
    }

    int integer(String name, int fallback) {
        long value = longValue(name, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new ConfigException(key(name), "out of range: " + value);
        }
        return (int) value;
    }

    long longValue(String name, long fallback) {
        JsonNode value = take(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ConfigException(key(name), "must be an integer, was " + describe(value));
        }
        return value.longValue();
    }

    /** A path; relative paths are taken relative to the config file's directory. */
    Path path(String name, Path fallback) {
        String text = string(name, null);
        if (text == null) {
            return fallback;
        }
        if (text.isBlank()) {
            throw new ConfigException(key(name), "must be a path, was empty");
        }
        try {
            Path path = Path.of(text);
            return path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path).normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(key(name), "not a valid path: " + e.getMessage());
        }
    }

    List<String> strings(String name, List<String> fallback) {
        JsonNode value = take(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isArray()) {
            throw new ConfigException(key(name), "must be a list of strings, was " + describe(value));
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw new ConfigException(key(name) + "[" + i + "]", "must be a string, was " + describe(item));
            }
            result.add(item.textValue());
        }
        return result;
    }

    private void rejectUnknownKeys() {
        if (node == null || node.isNull()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ConfigException(key(name), "unknown key; allowed " + (prefix.isEmpty() ? "at the top level" : "in " + prefix)
                        + ": " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private JsonNode take(String name) {
        if (!allowed.contains(name)) {
            throw new IllegalArgumentException("key " + key(name) + " read but not declared");
        }
        return node == null ? null : node.get(name);
    }

    private String key(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static String describe(JsonNode value) {
        JsonNodeType type = value.getNodeType();
        return switch (type) {
            case STRING -> "the string '" + value.textValue() + "'";
            case NUMBER, BOOLEAN -> type.name().toLowerCase() + " " + value;
            default -> "a " + type.name().toLowerCase();
        };
    }
}
