package dev.agentcommander.desktop.palette;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaletteViewModelTest {
    private static final Runnable NOTHING = () -> { };

    private final PaletteViewModel model = new PaletteViewModel(() -> List.of(
            new PaletteEntry(PaletteEntry.Kind.ACTION, "Go to the approvals queue", "Ctrl+Shift+P", NOTHING),
            new PaletteEntry(PaletteEntry.Kind.SESSION, "api on laptop", "/home/ann/api", NOTHING),
            new PaletteEntry(PaletteEntry.Kind.APPROVAL, "Approve Bash: make deploy", "api on laptop", NOTHING)));

    @Test
    void everyWordMustMatch_inTheTextOrTheHint_inAnyOrder() {
        model.opened();
        assertThat(model.matches()).hasSize(3);

        model.queryProperty().set("laptop deploy");
        assertThat(model.matches()).extracting(PaletteEntry::text).containsExactly("Approve Bash: make deploy");

        model.queryProperty().set("ANN/API");
        assertThat(model.matches()).extracting(PaletteEntry::text).containsExactly("api on laptop");

        model.queryProperty().set("nothing like it");
        assertThat(model.matches()).isEmpty();
    }

    @Test
    void aTextStartingWithTheQueryComesFirst_thenApprovalsSessionsActions() {
        model.opened();
        assertThat(model.matches()).extracting(PaletteEntry::kind).containsExactly(PaletteEntry.Kind.APPROVAL,
                PaletteEntry.Kind.SESSION, PaletteEntry.Kind.ACTION);

        model.queryProperty().set("api");
        assertThat(model.matches()).extracting(PaletteEntry::text).containsExactly("api on laptop",
                "Approve Bash: make deploy");
    }
}
