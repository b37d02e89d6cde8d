package dev.agentcommander.desktop.login;

import dev.agentcommander.desktop.client.AccessToken;
import dev.agentcommander.desktop.client.AuthApi;
import dev.agentcommander.desktop.client.SignIn;
import dev.agentcommander.desktop.client.StartupException;
import dev.agentcommander.desktop.shell.UiExecutor;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/**
 * The sign-in screen as the startup flow uses it: {@link #signIn} (startup thread) shows the screen and waits until
 * the person signed in with GitHub; {@link #close} gives up (the window closes). Its network calls run on its own
 * threads. Thread-safe.
 */
public final class LoginScreen implements SignIn, AutoCloseable {
    private final UiExecutor ui;
    /** Not single-threaded: a new attempt must not wait for a stopped one stuck in an HTTP call. */
    private final ExecutorService io = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "github-sign-in");
        thread.setDaemon(true);
        return thread;
    });
    private final LoginViewModel model;
    private final LoginView view;
    private volatile CompletableFuture<AccessToken> waiting;

    /** Built on the UI thread; {@code openLink} shows a page in the person's browser. */
    public LoginScreen(UiExecutor ui, Consumer<String> openLink) {
        this(ui, openLink, DeviceFlowClient.Pause.SLEEP);
    }

    LoginScreen(UiExecutor ui, Consumer<String> openLink, DeviceFlowClient.Pause pause) {
        this.ui = ui;
        this.model = new LoginViewModel(ui, io, pause);
        this.view = new LoginView(model, openLink);
    }

    public Node node() {
        return view.node();
    }

    /** True while the screen should cover the window. */
    public ObservableBooleanValue showing() {
        return model.activeProperty();
    }

    public LoginViewModel model() {
        return model;
    }

    @Override
    public AccessToken signIn(AuthApi auth) throws StartupException {
        return signInAgain(auth, "");
    }

    @Override
    public AccessToken signInAgain(AuthApi auth, String why) throws StartupException {
        CompletableFuture<AccessToken> result = new CompletableFuture<>();
        waiting = result;
        ui.execute(() -> model.begin(auth, why, result::complete));
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw gaveUp();
        } catch (CancellationException | ExecutionException e) {
            throw gaveUp();
        } finally {
            waiting = null;
        }
    }

    /** Stops waiting for a sign-in and stops asking GitHub; safe from any thread, and twice. */
    @Override
    public void close() {
        CompletableFuture<AccessToken> result = waiting;
        if (result != null) {
            result.cancel(true);
        }
        io.shutdownNow();
    }

    /** No cause: closing the window during sign-in is no error worth a stack trace. */
    private static StartupException gaveUp() {
        return new StartupException("Not signed in", "The sign-in was stopped before it finished.",
                "Start the app again to sign in.", null);
    }
}
