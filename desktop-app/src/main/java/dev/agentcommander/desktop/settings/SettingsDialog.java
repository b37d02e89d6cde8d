package dev.agentcommander.desktop.settings;

import atlantafx.base.theme.Styles;
import dev.agentcommander.desktop.shell.UiExecutor;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The settings dialog: the theme, which desktop notifications to show, and the team database the next start joins.
 * Saved to the store on OK. UI thread.
 */
public final class SettingsDialog {
    public static final String APPROVALS_ID = "settings-notify-approvals";
    public static final String ATTENTION_ID = "settings-notify-attention";
    public static final String THEME_ID = "settings-theme";

    public static final String TEAM_MODE_ID = TeamDatabaseSection.MODE_ID;
    public static final String TEAM_URL_ID = TeamDatabaseSection.URL_ID;
    public static final String TEAM_PASSWORD_ID = TeamDatabaseSection.PASSWORD_ID;
    public static final String TEAM_TEST_ID = TeamDatabaseSection.TEST_ID;
    public static final String TEAM_RESULT_ID = TeamDatabaseSection.RESULT_ID;

    private final SettingsStore store;
    private final TeamDatabase running;
    private final TeamDatabaseProbe probe;
    private final UiExecutor ui;

    /** {@code running}: the database this start uses, for the mode the dialog shows. */
    public SettingsDialog(SettingsStore store, TeamDatabase running, TeamDatabaseProbe probe, UiExecutor ui) {
        this.store = store;
        this.running = running;
        this.probe = probe;
        this.ui = ui;
    }

    public void show(Node owner) {
        Settings current = store.current();
        CheckBox approvals = new CheckBox("Notify me when an approval arrives");
        approvals.setId(APPROVALS_ID);
        approvals.setSelected(current.approvalsOn());
        CheckBox attention = new CheckBox("Notify me when a session needs attention (waiting for input, an error)");
        attention.setId(ATTENTION_ID);
        attention.setSelected(current.attentionOn());
        attention.setWrapText(true);
        attention.setMinHeight(Region.USE_PREF_SIZE);
        Label where = new Label("Kept in " + store.file());
        where.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Label how = new Label("Notifications go to the desktop's notification service (D-Bus); nothing is shown "
                + "for what is on screen in this window.");
        how.setWrapText(true);
        how.setMinHeight(Region.USE_PREF_SIZE);
        how.getStyleClass().add(Styles.TEXT_MUTED);
        ChoiceBox<Settings.Theme> theme = new ChoiceBox<>();
        theme.setId(THEME_ID);
        theme.getItems().addAll(Settings.Theme.values());
        theme.setValue(current.theme());
        theme.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Settings.Theme value) {
                return value == null ? "" : switch (value) {
                    case SYSTEM -> "As the desktop prefers";
                    case LIGHT -> "Light";
                    case DARK -> "Dark";
                };
            }

            @Override
            public Settings.Theme fromString(String text) {
                return null;
            }
        });
        Label themeHeading = new Label("Theme");
        themeHeading.getStyleClass().add(Styles.TITLE_4);
        Label heading = new Label("Desktop notifications");
        heading.getStyleClass().add(Styles.TITLE_4);

        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Settings");
        Window window = owner.getScene() == null ? null : owner.getScene().getWindow();
        if (window != null) {
            dialog.initOwner(window);
        }
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        TeamDatabaseSection team = new TeamDatabaseSection(current, running, probe, ui);
        // A URL that cannot work is not saved: the dialog stays open and says why.
        dialog.getDialogPane().lookupButton(ButtonType.OK).addEventFilter(ActionEvent.ACTION, event ->
                team.problem().ifPresent(problem -> {
                    event.consume();
                    team.showProblem(problem);
                }));
        VBox content = new VBox(10, themeHeading, theme, heading, how, approvals, attention, new Separator(),
                team.node(), new Separator(), where);
        content.setPrefWidth(600);
        dialog.getDialogPane().setContent(content);
        dialog.showAndWait().filter(ButtonType.OK::equals)
                .ifPresent(ok -> store.save(current.withNotifications(approvals.isSelected(), attention.isSelected())
                        .withTheme(theme.getValue()).withTeamDatabaseUrl(team.url())));
    }
}
