package dev.agentcommander.desktop.palette;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The command palette without controls: every entry (approvals waiting, sessions, actions) filtered by what is
 * typed. A query matches when its words all appear in the entry's text and hint, in any order; entries whose text
 * starts with the query come first, then approvals, sessions and actions in that order. UI thread.
 */
public final class PaletteViewModel {
    static final int LIMIT = 50;

    private final Supplier<List<PaletteEntry>> entries;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<PaletteEntry> matches = FXCollections.observableArrayList();
    private List<PaletteEntry> all = List.of();

    public PaletteViewModel(Supplier<List<PaletteEntry>> entries) {
        this.entries = entries;
        query.addListener((observable, before, now) -> filter());
    }

    /** The palette opens: entries are read afresh and the query is empty. */
    public void opened() {
        all = List.copyOf(entries.get());
        query.set("");
        filter();
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<PaletteEntry> matches() {
        return matches;
    }

    private void filter() {
        String text = query.get() == null ? "" : query.get().strip().toLowerCase(Locale.ROOT);
        String[] words = text.isEmpty() ? new String[0] : text.split("\\s+");
        List<PaletteEntry> found = new ArrayList<>();
        for (PaletteEntry entry : all) {
            String haystack = (entry.text() + " " + (entry.hint() == null ? "" : entry.hint())).toLowerCase(Locale.ROOT);
            boolean matchesAll = true;
            for (String word : words) {
                if (!haystack.contains(word)) {
                    matchesAll = false;
                    break;
                }
            }
            if (matchesAll) {
                found.add(entry);
            }
        }
        found.sort(Comparator.comparing((PaletteEntry entry) -> !entry.text().toLowerCase(Locale.ROOT).startsWith(text))
                .thenComparing(PaletteEntry::kind));
        matches.setAll(found.size() > LIMIT ? found.subList(0, LIMIT) : found);
    }
}
