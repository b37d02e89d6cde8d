package dev.agentcommander.desktop.client;

import java.net.URI;
import java.util.Objects;

/** Where the UI reaches its control plane and how it proves who it is. */
public record ControlPlaneEndpoint(URI httpUrl, URI uiWsUrl, TokenSource tokens) {
    public ControlPlaneEndpoint {
        Objects.requireNonNull(httpUrl, "httpUrl");
        Objects.requireNonNull(uiWsUrl, "uiWsUrl");
        Objects.requireNonNull(tokens, "tokens");
    }

    /** The UI socket of a control plane reached at {@code httpUrl} ({@code http→ws}, {@code https→wss}). */
    public static URI uiSocketOf(URI httpUrl) {
        String base = httpUrl.toString().replaceAll("/+$", "");
        if (base.startsWith("https://")) {
            return URI.create("wss://" + base.substring("https://".length()) + "/v1/ui/ws");
        }
        if (base.startsWith("http://")) {
            return URI.create("ws://" + base.substring("http://".length()) + "/v1/ui/ws");
        }
        throw new IllegalArgumentException("expected an http:// or https:// URL, got " + httpUrl);
    }
}
