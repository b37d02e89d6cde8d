package dev.agentcommander.schema;

import java.util.List;

/** Field checks for compact constructors; the field names are the wire (snake_case) names. */
public final class Require {
    private Require() {
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new MissingFieldException(field);
        }
        return value;
    }

    public static String text(String value, String field) {
        present(value, field);
        if (value.isBlank()) {
            throw new MissingFieldException(field, "must not be blank");
        }
        return value;
    }

    public static <T> List<T> list(List<T> value, String field) {
        return List.copyOf(present(value, field));
    }

    public static long positive(Long value, String field) {
        present(value, field);
        if (value <= 0) {
            throw new MissingFieldException(field, "must be positive, was " + value);
        }
        return value;
    }

    public static long notNegative(Long value, String field) {
        present(value, field);
        if (value < 0) {
            throw new MissingFieldException(field, "must not be negative, was " + value);
        }
        return value;
    }

    /** An optional count: null, or within {@code 1..max}. */
    public static Integer optionalInRange(Integer value, int max, String field) {
        if (value != null && (value < 1 || value > max)) {
            throw new MissingFieldException(field, "must be between 1 and " + max + ", was " + value);
        }
        return value;
    }

    /** Text of at most {@code max} characters; null stays null. */
    public static String atMost(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new MissingFieldException(field, "at most " + max + " characters, was " + value.length());
        }
        return value;
    }
}
