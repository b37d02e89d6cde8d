package dev.agentcommander.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
    @Test
    void agreesWithInstantParse_onRandomInstantsWithEveryFractionLength() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
                    random.nextInt(1_000_000_000));
            String full = instant.toString();
            for (String text : List.of(full, withFraction(instant, random.nextInt(10)))) {
                assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
            }
        }
    }

    @Test
    void unusualOrBadText_endsExactlyLikeInstantParse() {
        for (String text : List.of("", "2026-02-30T12:00:00Z", "2026-13-01T12:00:00Z", "2026-01-31T24:00:00Z",
                "2026-01-31T12:60:00Z", "2026-01-31 12:00:00Z", "2026-01-31T12:00:00", "2026-01-31T12:00:00.Z",
                "2026-01-31T12:00:00.1234567890Z", "2026-01-3aT12:00:00Z", "２026-01-31T12:00:00Z",
                "2026-01-31T23:59:60Z", "2026-01-31T12:00:00+01:00", "+12026-01-31T12:00:00Z")) {
            assertThat(outcome(() -> IsoInstants.parse(text))).as(text).isEqualTo(outcome(() -> Instant.parse(text)));
        }
        assertThatThrownBy(() -> IsoInstants.parse("2026-02-30T12:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }

    /** The instant, or the exception's class and message. */
    private static String outcome(java.util.function.Supplier<Instant> parse) {
        try {
            return parse.get().toString();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** {@code instant} (whole seconds, year 0000-9999 style) with exactly {@code digits} fraction digits. */
    private static String withFraction(Instant instant, int digits) {
        String seconds = Instant.ofEpochSecond(instant.getEpochSecond()).toString();
        if (digits == 0) {
            return seconds;
        }
        String nanos = String.format("%09d", instant.getNano()).substring(0, digits);
        return seconds.substring(0, seconds.length() - 1) + "." + nanos + "Z";
    }
}
