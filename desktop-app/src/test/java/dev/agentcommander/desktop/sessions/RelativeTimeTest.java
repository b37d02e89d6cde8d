package dev.agentcommander.desktop.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class RelativeTimeTest {
    private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");

    @Test
    void format_picksTheLargestWholeUnit() {
        assertThat(RelativeTime.format(NOW.minusSeconds(2), NOW)).isEqualTo("just now");
        assertThat(RelativeTime.format(NOW.minusSeconds(12), NOW)).isEqualTo("12s ago");
        assertThat(RelativeTime.format(NOW.minusSeconds(125), NOW)).isEqualTo("2m ago");
        assertThat(RelativeTime.format(NOW.minusSeconds(7200), NOW)).isEqualTo("2h ago");
        assertThat(RelativeTime.format(NOW.minusSeconds(3 * 86_400), NOW)).isEqualTo("3d ago");
    }

    @Test
    void format_toleratesMissingAndFutureTimes() {
        assertThat(RelativeTime.format(null, NOW)).isEqualTo(RelativeTime.UNKNOWN);
        assertThat(RelativeTime.format(NOW.plusSeconds(3), NOW)).isEqualTo("just now");
    }
}
