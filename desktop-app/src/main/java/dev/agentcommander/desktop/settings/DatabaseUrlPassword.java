package dev.agentcommander.desktop.settings;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A team database URL taken apart into the URL without its password and the password (null: none), so the
 * settings show the password in a password field, and put back together for saving. Both places a password can be
 * are understood: user-info ({@code postgres://user:secret@host/db}) and a {@code password=} parameter
 * ({@code jdbc:postgresql://host/db?user=u&password=secret}). The password is kept decoded and encoded again.
 */
record DatabaseUrlPassword(String url, String password) {
    private static final Pattern USER_INFO =
            Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^:/@?#]*):([^@/?#]*)@(.*)$");
    private static final Pattern PARAMETER = Pattern.compile("(?i)([?&;])password=([^&;#]*)");
    private static final Pattern WITH_USER = Pattern.compile("^(postgres(?:ql)?://[^:/@?#]+)@(.*)$");

    static DatabaseUrlPassword of(String full) {
        Matcher userInfo = USER_INFO.matcher(full);
        if (userInfo.matches()) {
            return new DatabaseUrlPassword(userInfo.group(1) + userInfo.group(2) + "@" + userInfo.group(4),
                    decode(userInfo.group(3)));
        }
        Matcher parameter = PARAMETER.matcher(full);
        if (parameter.find()) {
            String before = full.substring(0, parameter.start());
            String after = full.substring(parameter.end());
            if (parameter.group(1).equals("?")) {
                // The first parameter goes: the next one, if any, becomes the first.
                after = after.startsWith("&") || after.startsWith(";") ? "?" + after.substring(1) : after;
            }
            return new DatabaseUrlPassword(before + after, decode(parameter.group(2)));
        }
        return new DatabaseUrlPassword(full, null);
    }

    /** The URL with the password back in: in the user-info when the URL names a user there, else as a parameter. */
    String joined() {
        if (password == null || password.isEmpty()) {
            return url;
        }
        Matcher withUser = WITH_USER.matcher(url);
        if (withUser.matches()) {
            return withUser.group(1) + ":" + encode(password) + "@" + withUser.group(2);
        }
        return url + (url.contains("?") ? "&" : "?") + "password=" + encode(password);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A stray % is no escape: the password is what was written.
            return text;
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
