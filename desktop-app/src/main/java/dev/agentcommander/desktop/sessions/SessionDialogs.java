package dev.agentcommander.desktop.sessions;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.FileChooser;

/** The questions an action asks before it runs: a new name, a confirmation, where to save. UI thread. */
public final class SessionDialogs {
    public static final String CONFIRM_ID = "confirm-dialog";

    public Optional<String> askName(Node owner, String current) {
        TextInputDialog dialog = new TextInputDialog(current);
        dialog.initOwner(owner.getScene().getWindow());
        dialog.setTitle("Rename session");
        dialog.setHeaderText("New name for " + current);
        dialog.getEditor().setId("rename-field");
        return dialog.showAndWait().map(String::strip).filter(name -> !name.isEmpty());
    }

    public boolean confirmKill(Node owner, String name) {
        return confirm(owner, "Kill " + name + "?", "This closes the tmux pane and ends whatever runs in it.", "Kill");
    }

    public boolean confirmCleanup(Node owner, String name) {
        return confirm(owner, "Clean up " + name + "?",
                "Removes the session's window and git worktree. Work that is not committed, merged or pushed is kept "
                        + "and the clean-up refused, with the reason.", "Clean up");
    }

    private boolean confirm(Node owner, String question, String consequence, String action) {
        ButtonType yes = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, consequence, yes, ButtonType.CANCEL);
        alert.initOwner(owner.getScene().getWindow());
        alert.setTitle(action);
        alert.setHeaderText(question);
        alert.getDialogPane().setId(CONFIRM_ID);
        return alert.showAndWait().filter(yes::equals).isPresent();
    }

    public Optional<Path> chooseCastFile(Node owner, String sessionName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export console recording");
        chooser.setInitialFileName(sessionName.replaceAll("[^A-Za-z0-9._-]+", "-") + ".cast");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("asciicast v2", "*.cast"));
        File file = chooser.showSaveDialog(owner.getScene().getWindow());
        return Optional.ofNullable(file).map(File::toPath);
    }
}
