package dev.agentcommander.chaos.abuse;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * User tokens the control plane must refuse with 401 (forged, expired, {@code alg: none}, bad claims), made with the
 * server's own secret where that matters, so a refusal is for the stated reason and not a bad signature. Immutable.
 */
public final class HostileTokens {
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;
    private final List<String> refused;

    /** {@code hostToken}: a real host token, which is no user token either. */
    public HostileTokens(String secret, String hostToken) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        String claims = claims("admin", "\"chaos@example.com\"", now + 600);
        String valid = signed(this.secret, "HS256", claims);
        this.refused = List.of(
                unsigned(claims),
                signed("another-secret-0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8), "HS256", claims),
                signed(this.secret, "HS256", claims("admin", "\"chaos@example.com\"", now - 1)),
                signed(this.secret, "HS256", claims("admin", "\"chaos@example.com\"", now - 86_400)),
                signed(this.secret, "HS384", claims),
                signed(this.secret, "HS512", claims),
                signed(this.secret, "HS256", claims("root", "\"chaos@example.com\"", now + 600)),
                signed(this.secret, "HS256", claims(null, "\"chaos@example.com\"", now + 600)),
                signed(this.secret, "HS256", claims("admin", "42", now + 600)),
                signed(this.secret, "HS256", "{\"role\":\"admin\",\"exp\":" + (now + 600) + "}"),
                valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA",
                tampered(signed(this.secret, "HS256", claims("viewer", "\"chaos@example.com\"", now + 600))),
                "not-a-jwt", "a.b.c", "....", "x".repeat(64 * 1024), hostToken);
    }

    /** Tokens every route and socket must refuse with 401. */
    public List<String> refused() {
        return refused;
    }

    /** A valid token of {@code role}, signed like the server's own (to prove the forgeries are refused for cause). */
    public String valid(String role) {
        return signed(secret, "HS256", claims(role, "\"chaos@example.com\"", Instant.now().getEpochSecond() + 3_600));
    }

    private static String claims(String role, String email, long exp) {
        long iat = Instant.now().getEpochSecond() - 5;
        return "{\"sub\":\"chaos@example.com\",\"email\":" + email + (role == null ? "" : ",\"role\":\"" + role + "\"")
                + ",\"iat\":" + iat + ",\"exp\":" + exp + "}";
    }

    private static String unsigned(String claims) {
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(claims) + ".";
    }

    /** The payload of a viewer token rewritten to admin, keeping the viewer's signature. */
    private static String tampered(String viewerToken) {
        String[] parts = viewerToken.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return parts[0] + "." + encode(claims.replace("\"viewer\"", "\"admin\"")) + "." + parts[2];
    }

    private static String signed(byte[] key, String algorithm, String claims) {
        String input = encode("{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"}") + "." + encode(claims);
        try {
            String macName = "HmacSHA" + algorithm.substring(2);
            Mac mac = Mac.getInstance(macName);
            mac.init(new SecretKeySpec(key, macName));
            return input + "." + BASE64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static String encode(String json) {
        return BASE64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
