package dev.cftokens.emulator.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Makes token values and ids, and the SHA-256 the store keeps instead of a value. */
public final class TokenValues {
    /** Cloudflare's values are 40 characters of this alphabet. */
    public static final int VALUE_LENGTH = 40;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();
    // One digest per thread: every request hashes its credential, and the provider lookup is not free.
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private TokenValues() {}

    /** {@return a fresh value: 30 random bytes, 40 characters of {@code [A-Za-z0-9_-]}} */
    public static String newValue() {
        byte[] bytes = new byte[VALUE_LENGTH * 3 / 4];
        RANDOM.nextBytes(bytes);
        return URL_SAFE.encodeToString(bytes);
    }

    /**
     * 32 lower-case hex characters, the shape of Cloudflare's token, policy and account ids.
     *
     * @return a new random id
     */
    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * {@return whether a Bearer credential has the shape of a token value: 40 to 80 URL-safe characters}
     *
     * @param candidate the credential
     */
    public static boolean looksLikeValue(String candidate) {
        if (candidate.length() < VALUE_LENGTH || candidate.length() > 80) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hex SHA-256 of the value; the only form in which the emulator keeps a credential.
     *
     * @param value the value
     * @return 64 lower-case hex characters
     */
    public static String hash(String value) {
        MessageDigest digest = SHA256.get();
        return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
