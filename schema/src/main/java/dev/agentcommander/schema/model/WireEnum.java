package dev.agentcommander.schema.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Lookup of an enum by its lower-case wire name, with an error that lists the accepted values. */
final class WireEnum {
    private WireEnum() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String wireName) {
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equals(wireName)) {
                return constant;
            }
        }
        String accepted = Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown value '" + wireName + "' (expected one of: " + accepted + ")");
    }
}
