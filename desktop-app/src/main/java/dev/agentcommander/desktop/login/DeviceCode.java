package dev.agentcommander.desktop.login;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What GitHub handed out for one sign-in: the code the person types ({@code userCode}) at {@code verificationUri},
 * how long it is good for, and how often the desktop may ask whether it was approved. {@code deviceCode} is the
 * desktop's secret half and never shown.
 */
public record DeviceCode(String deviceCode, String userCode, URI verificationUri, Duration expiresIn,
                         Duration interval) {
    public DeviceCode {
        Objects.requireNonNull(deviceCode, "deviceCode");
        Objects.requireNonNull(userCode, "userCode");
        Objects.requireNonNull(verificationUri, "verificationUri");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Objects.requireNonNull(interval, "interval");
    }

    @Override
    public String toString() {
        return "DeviceCode[userCode=" + userCode + ", verificationUri=" + verificationUri + ", expiresIn=" + expiresIn
                + ", interval=" + interval + "]";
    }
}
