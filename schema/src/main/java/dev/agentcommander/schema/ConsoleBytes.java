package dev.agentcommander.schema;

import java.util.Base64;

/** Console bytes travel base64-encoded; this checks and decodes them. */
public final class ConsoleBytes {
    /** The most bytes one {@code console.input} carries. */
    public static final int MAX_INPUT_BYTES = 64 * 1024;

    private ConsoleBytes() {
    }

    /** Checks that {@code data} is base64 of 1 to {@value #MAX_INPUT_BYTES} bytes. */
    public static String requireInput(String data, String field) {
        Require.text(data, field);
        int length;
        try {
            length = Base64.getDecoder().decode(data).length;
        } catch (IllegalArgumentException e) {
            throw new MissingFieldException(field, "must be base64: " + e.getMessage());
        }
        if (length > MAX_INPUT_BYTES) {
            throw new MissingFieldException(field, "carries " + length + " bytes, more than the "
                    + MAX_INPUT_BYTES + " one message may; send a long paste in several");
        }
        return data;
    }

    public static byte[] decode(String data) {
        return Base64.getDecoder().decode(data);
    }
}
