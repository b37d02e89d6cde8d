package dev.agentcommander.desktop.settings;

import atlantafx.base.theme.Styles;
import dev.agentcommander.desktop.shell.UiExecutor;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The settings dialog's "Team database" section: the running mode, the PostgreSQL URL the next start joins, and
 * "Test connection", which connects off the UI thread and shows what answered. The URL's password is shown in a
 * password field of its own: a saved one at once, a pasted one as soon as it is pasted, a typed one when the URL
 * field is left; the URL is saved with it back in. UI thread.
 */
final class TeamDatabaseSection {
    static final String MODE_ID = "settings-team-mode";
    static final String URL_ID = "settings-team-url";
    static final String PASSWORD_ID = "settings-team-password";
    static final String TEST_ID = "settings-team-test";
    static final String RESULT_ID = "settings-team-result";

    private final TextField url = new TextField();
    private final PasswordField password = new PasswordField();
    /** True while the password moves from the URL field to its own. */
    private boolean movingPassword;
    private final Button test = new Button("Test connection");
    private final Label result = new Label();
    private final VBox node;

    TeamDatabaseSection(Settings current, TeamDatabase running, TeamDatabaseProbe probe, UiExecutor ui) {
        Label heading = new Label("Team database");
        heading.getStyleClass().add(Styles.TITLE_4);
        Label mode = new Label("Now: " + running.describe());
        mode.setId(MODE_ID);
        mode.setWrapText(true);
        Label how = new Label("Desktops that share one PostgreSQL database see the same hosts, sessions and "
                + "approvals. Leave it empty for solo mode. A change takes effect when Agent Commander starts "
                + "again; --database-url on the command line wins over it.");
        how.setWrapText(true);
        how.getStyleClass().add(Styles.TEXT_MUTED);
        url.setId(URL_ID);
        url.setPromptText("postgres://user@host:5432/db");
        password.setId(PASSWORD_ID);
        password.setPromptText("Password");
        password.setPrefColumnCount(10);
        url.setText(current.teamDatabaseUrl() == null ? "" : current.teamDatabaseUrl());
        movePasswordOut();
        // Pasted (more than one character at once): out of sight at once; typed: once the field is left.
        url.textProperty().addListener((observable, before, now) -> {
            if (now.length() - before.length() > 1) {
                movePasswordOut();
            }
        });
        url.focusedProperty().addListener((observable, was, focused) -> {
            if (!focused) {
                movePasswordOut();
            }
        });
        password.textProperty().addListener((observable, before, now) -> show(null));
        HBox.setHgrow(url, Priority.ALWAYS);
        test.setId(TEST_ID);
        test.disableProperty().bind(url.textProperty().isEmpty());
        test.setOnAction(event -> check(probe, ui));
        url.textProperty().addListener((observable, before, now) -> show(null));
        result.setId(RESULT_ID);
        result.setWrapText(true);
        // Wrapped labels keep their full height; the dialog grows instead (see show).
        for (Label label : new Label[] {mode, how, result}) {
            label.setMinHeight(Region.USE_PREF_SIZE);
        }
        node = new VBox(8, heading, mode, how, new HBox(8, url, password, test), result);
    }

    Node node() {
        return node;
    }

    /** The URL to save, its password in; empty = solo mode. */
    String url() {
        String written = url.getText().trim();
        return written.isEmpty() ? "" : new DatabaseUrlPassword(written, password.getText()).joined();
    }

    private void movePasswordOut() {
        if (movingPassword) {
            return;
        }
        DatabaseUrlPassword split = DatabaseUrlPassword.of(url.getText());
        if (split.password() != null) {
            movingPassword = true;
            try {
                url.setText(split.url());
                password.setText(split.password());
            } finally {
                movingPassword = false;
            }
        }
    }

    /** Why the URL cannot be saved, checked without connecting; empty when it can. */
    Optional<String> problem() {
        if (url().isEmpty()) {
            return Optional.empty();
        }
        try {
            TeamDatabaseProbe.parse(url());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("Not saved: " + e.getMessage() + ". Write it as postgres://user:password@host:5432/db "
                    + "or jdbc:postgresql://host:5432/db?user=…, or leave it empty for solo mode.");
        }
    }

    void showProblem(String text) {
        show(DatabaseCheck.failed(text, ""));
    }

    private void check(TeamDatabaseProbe probe, UiExecutor ui) {
        String tested = url();
        test.disableProperty().unbind();
        test.setDisable(true);
        result.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        result.setText("Connecting…");
        fitDialog();
        probe.checkInBackground(tested).thenAccept(outcome -> ui.execute(() -> {
            test.disableProperty().bind(url.textProperty().isEmpty());
            // An answer for a URL that was edited since is no longer the field's.
            if (tested.equals(url())) {
                show(outcome);
            }
        }));
    }

    private void show(DatabaseCheck outcome) {
        result.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        if (outcome == null) {
            result.setText("");
            return;
        }
        result.getStyleClass().add(outcome.ok() ? Styles.SUCCESS : Styles.DANGER);
        result.setText(outcome.text());
        fitDialog();
    }

    /** A dialog keeps the size it opened with: grow it to show the whole result. */
    private void fitDialog() {
        Scene scene = node.getScene();
        if (scene != null && scene.getWindow() != null) {
            node.applyCss();
            scene.getWindow().sizeToScene();
        }
    }
}
