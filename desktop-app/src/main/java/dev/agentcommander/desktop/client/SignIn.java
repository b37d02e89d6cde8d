package dev.agentcommander.desktop.client;

/**
 * How a thin client started without {@value RemoteBackend#TOKEN_ENV} gets its first user token: the login screen.
 * Called on the startup thread (and later on whichever thread found the token refused), it blocks until the
 * person signed in.
 */
@FunctionalInterface
public interface SignIn {
    /**
     * @throws StartupException when the person gave up (the window closes), so startup ends
     */
    AccessToken signIn(AuthApi auth) throws StartupException;

    /** As {@link #signIn}, later on, when the token stopped working; {@code why} tells the person what happened. */
    default AccessToken signInAgain(AuthApi auth, String why) throws StartupException {
        return signIn(auth);
    }
}
