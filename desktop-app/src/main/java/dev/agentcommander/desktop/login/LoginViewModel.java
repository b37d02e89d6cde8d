package dev.agentcommander.desktop.login;

import dev.agentcommander.desktop.client.AccessToken;
import dev.agentcommander.desktop.client.AuthApi;
import dev.agentcommander.desktop.client.ControlPlaneException;
import dev.agentcommander.desktop.client.GithubSettings;
import dev.agentcommander.desktop.shell.UiExecutor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in screen without controls: asks the control plane how to sign in with GitHub, gets a code from GitHub,
 * waits while the person approves it in a browser, then trades GitHub's token for the control plane's user token.
 * Owned by the UI thread; the network calls run on {@code io}, and the results of an attempt that was started
 * again are dropped.
 */
public final class LoginViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(LoginViewModel.class);

    /** Where signing in stands. */
    public enum Step { IDLE, PREPARING, WAITING, SIGNING_IN, FAILED, DONE }

    private final UiExecutor ui;
    private final ExecutorService io;
    private final DeviceFlowClient.Pause pause;
    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(this, "step", Step.IDLE);
    private final StringProperty controlPlane = new SimpleStringProperty(this, "controlPlane", "");
    private final StringProperty userCode = new SimpleStringProperty(this, "userCode");
    private final StringProperty verificationUrl = new SimpleStringProperty(this, "verificationUrl");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    private final ObjectProperty<LoginFailure> failure = new SimpleObjectProperty<>(this, "failure");
    private final BooleanBinding active = Bindings.createBooleanBinding(
            () -> step.get() != Step.IDLE && step.get() != Step.DONE, step);
    private AuthApi auth;
    private Consumer<AccessToken> onSignedIn;
    private Future<?> running;
    private int attempt;

    public LoginViewModel(UiExecutor ui, ExecutorService io, DeviceFlowClient.Pause pause) {
        this.ui = ui;
        this.io = io;
        this.pause = pause;
    }

    /** Starts signing in to {@code auth}'s control plane; {@code onSignedIn} then gets the user token (UI thread). */
    public void begin(AuthApi auth, Consumer<AccessToken> onSignedIn) {
        begin(auth, "", onSignedIn);
    }

    /** As above; {@code why} (may be empty) says why the person signs in again. */
    public void begin(AuthApi auth, String why, Consumer<AccessToken> onSignedIn) {
        reason.set(why);
        this.auth = auth;
        this.onSignedIn = onSignedIn;
        controlPlane.set(auth.baseUrl().toString());
        startAgain();
    }

    /** A new attempt with a new code; whatever the previous one still does is stopped and ignored. */
    public void startAgain() {
        stop();
        int current = ++attempt;
        userCode.set(null);
        verificationUrl.set(null);
        failure.set(null);
        status.set("Asking " + controlPlane.get() + " how to sign in…");
        step.set(Step.PREPARING);
        try {
            running = io.submit(() -> run(current));
        } catch (RejectedExecutionException e) {
            LOG.debug("Shutting down; sign-in not started");
        }
    }

    /** Stops polling GitHub (the window closes, or a new attempt starts). */
    public void stop() {
        if (running != null) {
            running.cancel(true);
            running = null;
        }
    }

    private void run(int current) {
        try {
            GithubSettings settings;
            try {
                settings = auth.githubSettings();
            } catch (ControlPlaneException e) {
                fail(current, LoginFailure.ofSettings(e, auth.baseUrl()), e);
                return;
            }
            DeviceFlowClient github = new DeviceFlowClient(settings.clientId(), settings.deviceAuthorizationUrl(),
                    settings.tokenUrl(), pause);
            String accessToken;
            try {
                DeviceCode code = github.requestCode();
                onUi(current, () -> {
                    userCode.set(code.userCode());
                    verificationUrl.set(code.verificationUri().toString());
                    status.set("Waiting for you to approve the code on GitHub…");
                    step.set(Step.WAITING);
                });
                accessToken = github.awaitAccessToken(code);
            } catch (DeviceFlowException e) {
                fail(current, LoginFailure.ofGithub(e), e);
                return;
            }
            onUi(current, () -> {
                status.set("Signing in to " + controlPlane.get() + "…");
                step.set(Step.SIGNING_IN);
            });
            AccessToken token;
            try {
                token = auth.signInWithGithub(accessToken);
            } catch (ControlPlaneException e) {
                fail(current, LoginFailure.ofSignIn(e, auth.baseUrl()), e);
                return;
            }
            onUi(current, () -> {
                step.set(Step.DONE);
                onSignedIn.accept(token);
            });
        } catch (InterruptedException e) {
            // Stopped: a new attempt, or the window closes.
            Thread.currentThread().interrupt();
        }
    }

    private void fail(int current, LoginFailure why, Exception cause) {
        LOG.warn("Sign-in with GitHub failed: {}: {}", why.headline(), cause.getMessage());
        onUi(current, () -> {
            failure.set(why);
            step.set(Step.FAILED);
        });
    }

    private void onUi(int current, Runnable change) {
        ui.execute(() -> {
            if (current == attempt) {
                change.run();
            }
        });
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step;
    }

    /** True while the sign-in screen should be shown. */
    public BooleanBinding activeProperty() {
        return active;
    }

    public ReadOnlyStringProperty controlPlaneProperty() {
        return controlPlane;
    }

    public ReadOnlyStringProperty userCodeProperty() {
        return userCode;
    }

    public ReadOnlyStringProperty verificationUrlProperty() {
        return verificationUrl;
    }

    /** Why the person signs in (again); empty at the first sign-in. */
    public ReadOnlyStringProperty reasonProperty() {
        return reason;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyObjectProperty<LoginFailure> failureProperty() {
        return failure;
    }
}
