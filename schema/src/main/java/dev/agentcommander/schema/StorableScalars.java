package dev.agentcommander.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Every text field and timestamp the codec decodes, refused unless H2 and PostgreSQL store it alike: PostgreSQL
 * refuses the NUL character in text (H2 keeps it), and the engines disagree on timestamps far from now (PostgreSQL
 * ends at year 294276, H2 does not). Checked here, for every record at once, rather than field by field; Jackson
 * adds the field's path to the error. Stateless.
 */
final class StorableScalars {
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private StorableScalars() {
    }

    static SimpleModule module() {
        return new SimpleModule("storable-scalars")
                .addDeserializer(String.class, new Text())
                .addDeserializer(Instant.class, new Timestamp());
    }

    /** @throws IllegalArgumentException when {@code value} holds a NUL character */
    static String text(String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("must not contain the NUL character (\\u0000)");
        }
        return value;
    }

    /** @throws IllegalArgumentException when {@code value} is outside 1970-01-01 .. 9999-12-31 (UTC) */
    static Instant instant(Instant value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw new IllegalArgumentException("must be between " + EARLIEST + " and 9999-12-31T23:59:59Z, was "
                    + value);
        }
        return value;
    }

    private static final class Text extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return text(super.deserialize(parser, context));
        }
    }

    private static final class Timestamp extends StdScalarDeserializer<Instant> {
        Timestamp() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return instant(InstantDeserializer.INSTANT.deserialize(parser, context));
        }
    }
}
