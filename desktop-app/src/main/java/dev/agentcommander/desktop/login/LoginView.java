package dev.agentcommander.desktop.login;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The sign-in screen: the code to enter, large, and the GitHub page to enter it on (opened in the browser or
 * copied), a spinner while GitHub waits for the person, and what went wrong with "Start again". The code goes to
 * the clipboard as soon as it is shown. UI thread.
 */
public final class LoginView {
    public static final String ROOT_ID = "login";
    public static final String CODE_ID = "login-code";
    public static final String URL_ID = "login-url";
    public static final String OPEN_ID = "login-open";
    public static final String COPY_CODE_ID = "login-copy-code";
    public static final String COPY_URL_ID = "login-copy-url";
    public static final String STATUS_ID = "login-status";
    public static final String ERROR_ID = "login-error";
    public static final String ERROR_DETAIL_ID = "login-error-detail";
    public static final String ERROR_HINT_ID = "login-error-hint";
    public static final String START_AGAIN_ID = "login-start-again";
    public static final String REASON_ID = "login-reason";

    private final StackPane root = new StackPane();

    /** {@code openLink} shows a web page in the person's browser. */
    public LoginView(LoginViewModel model, Consumer<String> openLink) {
        root.setId(ROOT_ID);
        root.getStyleClass().add("login-view");
        root.getStylesheets().add(LoginView.class.getResource("login.css").toExternalForm());
        root.visibleProperty().bind(model.activeProperty());

        FontIcon logo = new FontIcon(Feather.GITHUB);
        logo.getStyleClass().add("login-logo");
        Label title = new Label("Sign in with GitHub", logo);
        title.getStyleClass().add(Styles.TITLE_2);
        title.setGraphicTextGap(10);
        Label where = new Label();
        where.getStyleClass().add(Styles.TEXT_MUTED);
        where.textProperty().bind(model.controlPlaneProperty().map(url -> "to the control plane at " + url));

        Label reason = new Label();
        reason.setId(REASON_ID);
        reason.setWrapText(true);
        reason.getStyleClass().add(Styles.WARNING);
        reason.textProperty().bind(model.reasonProperty());
        reason.visibleProperty().bind(model.reasonProperty().isNotEmpty());
        reason.managedProperty().bind(reason.visibleProperty());

        VBox card = new VBox(18, new VBox(4, title, where), reason, codeBox(model, openLink), progressBox(model),
                errorBox(model));
        card.getStyleClass().add("login-card");
        card.setMaxWidth(600);
        card.setMaxHeight(VBox.USE_PREF_SIZE);
        root.getChildren().add(card);

        model.stepProperty().addListener((observable, before, step) -> {
            if (step == LoginViewModel.Step.WAITING) {
                copy(model.userCodeProperty().get());
            }
        });
    }

    public Node node() {
        return root;
    }

    private static Node codeBox(LoginViewModel model, Consumer<String> openLink) {
        Label first = new Label("1. Open GitHub's device page:");
        first.getStyleClass().add(Styles.TEXT_BOLD);
        Label url = new Label();
        url.setId(URL_ID);
        url.getStyleClass().add("login-url");
        url.textProperty().bind(model.verificationUrlProperty());
        Button open = new Button("Open in browser", new FontIcon(Feather.EXTERNAL_LINK));
        open.setId(OPEN_ID);
        open.getStyleClass().add(Styles.ACCENT);
        open.setOnAction(event -> openLink.accept(model.verificationUrlProperty().get()));
        Button copyUrl = copyButton(COPY_URL_ID, "Copy link", model.verificationUrlProperty());
        HBox urlRow = new HBox(8, open, copyUrl);
        urlRow.setAlignment(Pos.CENTER_LEFT);

        Label second = new Label("2. Enter this code there:");
        second.getStyleClass().add(Styles.TEXT_BOLD);
        Label code = new Label();
        code.setId(CODE_ID);
        code.getStyleClass().add("login-code");
        code.textProperty().bind(model.userCodeProperty());
        Button copyCode = copyButton(COPY_CODE_ID, "Copy code", model.userCodeProperty());
        HBox codeRow = new HBox(16, code, copyCode);
        codeRow.setAlignment(Pos.CENTER_LEFT);
        Label copied = new Label("The code is on the clipboard already: paste it on GitHub's page.");
        copied.getStyleClass().add(Styles.TEXT_MUTED);

        VBox box = new VBox(8, first, url, urlRow, second, codeRow, copied);
        box.getStyleClass().add("login-steps");
        showWhile(box, model, LoginViewModel.Step.WAITING);
        return box;
    }

    private static Node progressBox(LoginViewModel model) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(24, 24);
        Label status = new Label();
        status.setId(STATUS_ID);
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        HBox box = new HBox(10, spinner, status);
        box.setAlignment(Pos.CENTER_LEFT);
        showWhile(box, model, LoginViewModel.Step.PREPARING, LoginViewModel.Step.WAITING,
                LoginViewModel.Step.SIGNING_IN);
        return box;
    }

    private static Node errorBox(LoginViewModel model) {
        FontIcon icon = new FontIcon(Feather.ALERT_TRIANGLE);
        icon.getStyleClass().add("login-error-icon");
        Label headline = new Label(null, icon);
        headline.setId(ERROR_ID);
        headline.getStyleClass().add(Styles.TITLE_4);
        headline.setWrapText(true);
        Label detail = new Label();
        detail.setId(ERROR_DETAIL_ID);
        detail.setWrapText(true);
        Label hint = new Label();
        hint.setId(ERROR_HINT_ID);
        hint.setWrapText(true);
        hint.getStyleClass().add("login-hint");
        model.failureProperty().addListener((observable, before, failure) -> {
            headline.setText(failure == null ? null : failure.headline());
            detail.setText(failure == null ? null : failure.detail());
            hint.setText(failure == null ? null : failure.hint());
        });
        Button again = new Button("Start again", new FontIcon(Feather.REFRESH_CW));
        again.setId(START_AGAIN_ID);
        again.getStyleClass().add(Styles.ACCENT);
        again.setDefaultButton(true);
        again.setOnAction(event -> model.startAgain());
        VBox box = new VBox(10, headline, detail, hint, again);
        box.getStyleClass().add("login-error-box");
        showWhile(box, model, LoginViewModel.Step.FAILED);
        return box;
    }

    private static Button copyButton(String id, String text, ReadOnlyStringProperty value) {
        Button button = new Button(text, new FontIcon(Feather.COPY));
        button.setId(id);
        button.setOnAction(event -> {
            copy(value.get());
            button.setText("Copied");
        });
        value.addListener((observable, before, now) -> button.setText(text));
        return button;
    }

    private static void showWhile(Node node, LoginViewModel model, LoginViewModel.Step... steps) {
        node.visibleProperty().bind(model.stepProperty().map(step -> List.of(steps).contains(step)));
        node.managedProperty().bind(node.visibleProperty());
    }

    private static void copy(String text) {
        if (text != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        }
    }
}
