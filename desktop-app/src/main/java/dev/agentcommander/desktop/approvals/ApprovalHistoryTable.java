package dev.agentcommander.desktop.approvals;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.schema.model.ApprovalRow;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The decided approvals, newest first: when, tool, outcome with who decided, and the input as allowed; a row's
 * tooltip has the full input and where it ran. UI thread.
 */
final class ApprovalHistoryTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter FULL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final ApprovalsViewModel model;
    private final ObjectMapper mapper;
    private final TableView<ApprovalRow> table = new TableView<>();

    ApprovalHistoryTable(ApprovalsViewModel model, ObjectMapper mapper) {
        this.model = model;
        this.mapper = mapper;
        table.setId(ApprovalsView.HISTORY_ID);
        table.setItems(model.history());
        table.getColumns().add(column("When", 84, row -> row.decidedAt() == null ? "" : TIME.format(row.decidedAt())));
        table.getColumns().add(column("Tool", 80, ApprovalRow::toolName));
        table.getColumns().add(column("Outcome", 150, ApprovalText::outcome));
        table.getColumns().add(column("Input as allowed", 160, row -> allowedInput(row).summary()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(ignored -> {
            TableRow<ApprovalRow> tableRow = new TableRow<>();
            Tooltip tip = new Tooltip();
            tableRow.itemProperty().addListener((observable, before, row) -> {
                tip.setText(row == null ? null : (row.decidedAt() == null ? "" : FULL_TIME.format(row.decidedAt()) + "  ")
                        + ApprovalText.outcome(row) + "\n" + model.where(row) + "\n" + row.toolName() + ": "
                        + allowedInput(row).editableText());
                tableRow.setTooltip(row == null ? null : tip);
            });
            return tableRow;
        });
        table.getStyleClass().add(Styles.DENSE);
        Label empty = new Label("Decided approvals are listed here: who, when, the outcome and the input as allowed.");
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
    }

    TableView<ApprovalRow> node() {
        return table;
    }

    /** The input the agent went on with: as edited when it was, else as asked. */
    private ApprovalInput allowedInput(ApprovalRow row) {
        boolean edited = row.updatedInput() != null && !row.updatedInput().isNull();
        return ApprovalInput.of(row.toolName(), edited ? row.updatedInput() : row.toolInput(), mapper);
    }

    private static TableColumn<ApprovalRow, String> column(String name, double width, Function<ApprovalRow, String> value) {
        TableColumn<ApprovalRow, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 84));
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
