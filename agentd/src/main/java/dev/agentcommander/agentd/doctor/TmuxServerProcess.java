package dev.agentcommander.agentd.doctor;

import java.util.Optional;

/** A running tmux server seen in {@code /proc}: its pid, real uid and mount namespace ({@code mnt:[…]}, if readable). */
record TmuxServerProcess(long pid, int uid, Optional<String> mountNamespace) {
}
