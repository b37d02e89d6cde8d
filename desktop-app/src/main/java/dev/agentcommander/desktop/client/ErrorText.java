package dev.agentcommander.desktop.client;

/** A failed call as a person should read it: what happened, and what to do where there is something to do. */
public final class ErrorText {
    private ErrorText() {
    }

    public static String of(ControlPlaneException error) {
        String detail = detailOf(error);
        return switch (error.status()) {
            case 401 -> "Not signed in any more (" + detail + "). Sign in again.";
            case 403 -> "Your role may not do this: " + detail;
            case ControlPlaneException.NO_ANSWER -> "The control plane did not answer: " + detail;
            default -> capitalize(detail);
        };
    }

    /** The control plane's own words ({@code error.message}) without the method, path and status before them. */
    public static String detailOf(ControlPlaneException error) {
        String message = error.getMessage();
        int arrow = message.indexOf(": ", message.indexOf('→') + 1);
        return message.contains("→") && arrow > 0 ? message.substring(arrow + 2) : message;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
