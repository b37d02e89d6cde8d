package dev.agentcommander.desktop.solo;

/** The content of {@code <data-dir>/control-plane.json}: how local tools find the running control plane. */
public record ControlPlaneInfo(String url, int port, long pid) {
}
