package dev.agentcommander.desktop.approvals;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.schema.model.ApprovalRow;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** One pending approval in the queue: the tool and its input in short, where it runs and how long it has waited. */
final class ApprovalQueueCell extends ListCell<ApprovalRow> {
    private final ApprovalsViewModel model;
    private final ObjectMapper mapper;
    private final Supplier<Instant> now;
    private final Label tool = new Label();
    private final Label summary = new Label();
    private final Label where = new Label();
    private final VBox box;

    ApprovalQueueCell(ApprovalsViewModel model, ObjectMapper mapper, Supplier<Instant> now) {
        this.model = model;
        this.mapper = mapper;
        this.now = now;
        tool.getStyleClass().add(Styles.TEXT_BOLD);
        tool.setMinWidth(Region.USE_PREF_SIZE);
        summary.getStyleClass().add("approvals-summary");
        where.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox top = new HBox(8, new FontIcon(Feather.SHIELD), tool, summary);
        top.setAlignment(Pos.CENTER_LEFT);
        box = new VBox(2, top, where);
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(ApprovalRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        tool.setText(row.toolName());
        summary.setText(ApprovalInput.of(row.toolName(), row.toolInput(), mapper).summary());
        where.setText(model.where(row) + "  ·  " + ApprovalText.waited(row.requestedAt(), now.get()));
        setGraphic(box);
    }
}
