package dev.agentcommander.desktop.client;

/** Hands out a user token that is valid for a while yet, refreshing it when needed. Thread-safe. */
public interface TokenSource {
    AccessToken current() throws ControlPlaneException;

    /** The control plane refused {@code token} (401); a source that can get another one stops handing it out. */
    default void rejected(AccessToken token) {
    }

    /** {@code listener} hears each later sign-in (perhaps by another person) on the thread that did it. */
    default void onSignedInAgain(Runnable listener) {
    }
}
