package dev.agentcommander.desktop.timeline;

import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A session's timeline: newest at the bottom, following new events while scrolled to the end. UI thread. */
public final class TimelineView {
    public static final String LIST_ID = "timeline-list";
    public static final String EARLIER_ID = "timeline-earlier";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final VBox root = new VBox();
    private final ListView<TimelineEntry> list = new ListView<>();

    public TimelineView(TimelineViewModel model, Runnable loadEarlier) {
        root.getStyleClass().add("timeline");
        Label title = new Label("Timeline");
        title.getStyleClass().add(Styles.TITLE_4);
        Button earlier = new Button("Load earlier");
        earlier.setId(EARLIER_ID);
        earlier.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        earlier.visibleProperty().bind(model.olderAvailableProperty());
        earlier.disableProperty().bind(model.loadingProperty());
        earlier.setOnAction(event -> loadEarlier.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, earlier);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("timeline-header");

        Label problem = new Label();
        problem.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());
        problem.setWrapText(true);

        list.setId(LIST_ID);
        list.setItems(model.entries());
        list.setCellFactory(ignored -> new EntryCell());
        list.setFocusTraversable(false);
        Label empty = new Label("Nothing happened here yet. Hooks, status changes, commands and approvals show up as they happen.");
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(empty);
        model.entries().addListener((ListChangeListener<TimelineEntry>) change -> {
            if (!model.entries().isEmpty()) {
                list.scrollTo(model.entries().size() - 1);
            }
        });
        root.getChildren().addAll(header, problem, list);
        VBox.setVgrow(list, Priority.ALWAYS);
    }

    public Node node() {
        return root;
    }

    private static Ikon iconOf(TimelineEntry.Kind kind) {
        return switch (kind) {
            case STATUS -> Feather.ACTIVITY;
            case HOOK -> Feather.ZAP;
            case COMMAND -> Feather.CHEVRON_RIGHT;
            case APPROVAL -> Feather.SHIELD;
            case CODEX -> Feather.CPU;
            case INPUT -> Feather.TYPE;
            case ERROR -> Feather.ALERT_TRIANGLE;
            case OTHER -> Feather.CIRCLE;
        };
    }

    private static final class EntryCell extends ListCell<TimelineEntry> {
        private final FontIcon icon = new FontIcon();
        private final Label title = new Label();
        private final Label time = new Label();
        private final Label detail = new Label();
        private final VBox box;

        EntryCell() {
            title.getStyleClass().add("timeline-title");
            time.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            detail.getStyleClass().addAll("timeline-detail", Styles.TEXT_SMALL);
            detail.setWrapText(true);
            detail.setMaxHeight(120);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox top = new HBox(6, icon, title, spacer, time);
            top.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(2, top, detail);
            getStyleClass().add("timeline-cell");
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(TimelineEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                return;
            }
            icon.setIconCode(iconOf(entry.kind()));
            icon.getStyleClass().setAll("timeline-icon", "timeline-" + entry.kind().name().toLowerCase());
            title.setText(entry.title());
            time.setText(entry.at() == null ? "" : TIME.format(entry.at()));
            detail.setText(entry.detail());
            detail.setManaged(entry.detail() != null);
            detail.setVisible(entry.detail() != null);
            setGraphic(box);
        }
    }
}
