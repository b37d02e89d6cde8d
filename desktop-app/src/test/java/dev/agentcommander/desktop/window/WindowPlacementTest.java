package dev.agentcommander.desktop.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class WindowPlacementTest {
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1920, 1050);
    private static final Rectangle2D MONITOR_ON_THE_RIGHT = new Rectangle2D(1920, 0, 2560, 1400);

    @Test
    void boundsInsideAScreen_stayAsTheyWere() {
        Rectangle2D onTheMonitor = new Rectangle2D(2100, 100, 1600, 1000);

        assertThat(WindowPlacement.fit(onTheMonitor, List.of(LAPTOP, MONITOR_ON_THE_RIGHT))).isEqualTo(onTheMonitor);
    }

    @Test
    void aWindowOnAScreenThatIsGone_movesOntoThePrimary_andShrinksToFit() {
        Rectangle2D onTheMonitor = new Rectangle2D(2100, 100, 2400, 1200);

        assertThat(WindowPlacement.fit(onTheMonitor, List.of(LAPTOP)))
                .isEqualTo(new Rectangle2D(0, 0, 1920, 1050));
    }

    @Test
    void aWindowHangingOverAnEdge_isPulledBackOntoTheScreenItOverlapsMost() {
        Rectangle2D pastTheBottomRight = new Rectangle2D(1500, 700, 1000, 600);

        assertThat(WindowPlacement.fit(pastTheBottomRight, List.of(LAPTOP)))
                .isEqualTo(new Rectangle2D(920, 450, 1000, 600));
        Rectangle2D mostlyOnTheMonitor = new Rectangle2D(1800, -50, 1000, 600);
        assertThat(WindowPlacement.fit(mostlyOnTheMonitor, List.of(LAPTOP, MONITOR_ON_THE_RIGHT)))
                .isEqualTo(new Rectangle2D(1920, 0, 1000, 600));
    }

    @Test
    void aWindowLeftOfEveryScreen_opensAtTheTopLeftOfThePrimary() {
        assertThat(WindowPlacement.fit(new Rectangle2D(-3000, -40, 800, 600), List.of(LAPTOP, MONITOR_ON_THE_RIGHT)))
                .isEqualTo(new Rectangle2D(0, 0, 800, 600));
    }

    @Test
    void noScreensKnown_keepsTheBounds() {
        Rectangle2D anywhere = new Rectangle2D(-3000, -40, 800, 600);

        assertThat(WindowPlacement.fit(anywhere, List.of())).isEqualTo(anywhere);
    }
}
