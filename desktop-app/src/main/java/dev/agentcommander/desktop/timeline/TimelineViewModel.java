package dev.agentcommander.desktop.timeline;

import dev.agentcommander.schema.model.EventRow;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A session's timeline without controls: entries in event order, each event once whether it came from the
 * {@code events} topic or a REST page, whether older ones can be loaded, and what went wrong loading them. Owned by
 * the UI thread.
 */
public final class TimelineViewModel {
    static final int MAX_ENTRIES = 2000;

    private final ObservableList<TimelineEntry> entries = FXCollections.observableArrayList();
    // One read-only view: a listener on a view lives only as long as the view does.
    private final ObservableList<TimelineEntry> entriesView = FXCollections.unmodifiableObservableList(entries);
    private final Set<Long> seen = new HashSet<>();
    private final BooleanProperty olderAvailable = new SimpleBooleanProperty(this, "olderAvailable", false);
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading", false);
    private final StringProperty problem = new SimpleStringProperty(this, "problem");

    /** Events from the topic or a page: added in order, repeats ignored, the oldest dropped past a bound. */
    public void add(List<EventRow> events) {
        boolean added = false;
        for (EventRow event : events) {
            if (seen.add(event.eventId())) {
                entries.add(EventText.of(event));
                added = true;
            }
        }
        if (!added) {
            return;
        }
        FXCollections.sort(entries, Comparator.comparingLong(TimelineEntry::eventId));
        while (entries.size() > MAX_ENTRIES) {
            seen.remove(entries.remove(0).eventId());
            olderAvailable.set(true);
        }
    }

    /** The first event id shown, or 0 when none is. */
    public long firstEventId() {
        return entries.isEmpty() ? 0 : entries.get(0).eventId();
    }

    public ObservableList<TimelineEntry> entries() {
        return entriesView;
    }

    public BooleanProperty olderAvailableProperty() {
        return olderAvailable;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty problemProperty() {
        return problem;
    }
}
