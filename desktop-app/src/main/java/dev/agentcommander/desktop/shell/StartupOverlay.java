package dev.agentcommander.desktop.shell;

import atlantafx.base.theme.Styles;
import dev.agentcommander.desktop.client.StartupException;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Covers the window while starting (progress), while a thin client signs in (the sign-in screen, also when it must
 * sign in again later), or after a failed start (what failed, what to do). UI thread.
 */
final class StartupOverlay {
    static final String PROGRESS_ID = "startup-progress";
    static final String ERROR_ID = "startup-error";

    private final StackPane root = new StackPane();
    private final VBox progressBox;
    private final VBox errorBox;
    private final Label headline = new Label();
    private final Label detail = new Label();
    private final Label hint = new Label();
    private final ObservableBooleanValue signingIn;

    /** {@code signIn} is the sign-in screen, shown while {@code signingIn}; null for none (solo and team mode). */
    StartupOverlay(ShellViewModel model, Node signIn, ObservableBooleanValue signingIn, Runnable onRetry,
                   Runnable onQuit) {
        root.getStyleClass().add("startup-overlay");

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(48, 48);
        Label progress = new Label();
        progress.setId(PROGRESS_ID);
        progress.getStyleClass().add(Styles.TITLE_4);
        progress.textProperty().bind(model.progressProperty());
        progressBox = new VBox(16, spinner, progress);
        progressBox.setAlignment(Pos.CENTER);

        FontIcon icon = new FontIcon(Feather.ALERT_TRIANGLE);
        icon.getStyleClass().add("startup-error-icon");
        headline.getStyleClass().add(Styles.TITLE_3);
        headline.setId(ERROR_ID);
        headline.setWrapText(true);
        detail.setWrapText(true);
        hint.setWrapText(true);
        hint.getStyleClass().add("startup-hint");
        Button retry = new Button("Try again");
        retry.getStyleClass().add(Styles.ACCENT);
        retry.setDefaultButton(true);
        retry.setOnAction(event -> onRetry.run());
        Button quit = new Button("Quit");
        quit.setOnAction(event -> onQuit.run());
        HBox buttons = new HBox(8, retry, quit);
        buttons.setAlignment(Pos.CENTER_LEFT);
        errorBox = new VBox(12, icon, headline, detail, hint, buttons);
        errorBox.setAlignment(Pos.CENTER_LEFT);
        errorBox.setMaxWidth(640);
        errorBox.getStyleClass().add("startup-error-box");

        root.getChildren().addAll(progressBox, errorBox);
        if (signIn != null) {
            root.getChildren().add(signIn);
            signingIn.addListener((observable, before, after) -> show(model.phaseProperty().get(),
                    model.failureProperty().get()));
        }
        this.signingIn = signingIn;
        model.phaseProperty().addListener((observable, before, after) -> show(after, model.failureProperty().get()));
        model.failureProperty().addListener((observable, before, after) -> show(model.phaseProperty().get(), after));
        show(model.phaseProperty().get(), model.failureProperty().get());
    }

    Node node() {
        return root;
    }

    private void show(ShellViewModel.Phase phase, StartupException failure) {
        boolean signIn = signingIn != null && signingIn.get();
        // A thin client whose sign-in ran out signs in again over the running window.
        root.setVisible(phase != ShellViewModel.Phase.READY || signIn);
        progressBox.setVisible(phase == ShellViewModel.Phase.STARTING && !signIn);
        errorBox.setVisible(phase == ShellViewModel.Phase.FAILED);
        if (failure != null) {
            headline.setText(failure.headline());
            detail.setText(failure.detail());
            hint.setText(failure.hint());
        }
    }
}
