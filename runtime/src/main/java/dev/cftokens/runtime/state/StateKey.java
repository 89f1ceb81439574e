package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * The key that encrypts token values in a state store: either a raw 256-bit AES key, as a secret
 * manager hands out ({@value #KEY_VARIABLE}, base64), or a passphrase ({@value #PASSPHRASE_VARIABLE})
 * from which the key is derived with PBKDF2 (hundreds of milliseconds, once per JVM and state). A raw key
 * costs nothing at startup. Its {@code toString()} never shows the key.
 */
public final class StateKey {
    /** The environment variable holding a raw key: 32 bytes, base64. */
    public static final String KEY_VARIABLE = "CFTOKENS_KEY";

    /** The environment variable holding a passphrase the key is derived from. */
    public static final String PASSPHRASE_VARIABLE = "CFTOKENS_PASSPHRASE";

    static final int KEY_BYTES = 32;

    private final byte[] rawKey;
    private final char[] passphrase;

    private StateKey(byte[] rawKey, char[] passphrase) {
        this.rawKey = rawKey;
        this.passphrase = passphrase;
    }

    /**
     * A raw key given as base64 (standard or URL-safe alphabet, padding optional).
     *
     * @param base64 the key, 32 bytes in base64
     * @return the key
     * @throws IllegalArgumentException when the text is not base64 of exactly 32 bytes; the message never
     *     repeats the text
     */
    public static StateKey ofBase64(String base64) {
        requireNonNull(base64, "base64");
        return ofBase64(base64, "the key");
    }

    private static StateKey ofBase64(String base64, String source) {
        String trimmed = base64.strip();
        byte[] key;
        try {
            key = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not base64 (" + trimmed.length()
                    + " characters); give 32 random bytes in base64, such as the output of"
                    + " `java -jar cftokens-cli.jar key` or `openssl rand -base64 32`");
        }
        if (key.length != KEY_BYTES) {
            int length = key.length;
            Arrays.fill(key, (byte) 0);
            throw new IllegalArgumentException(source + " decodes to " + length + " bytes, but a key is "
                    + KEY_BYTES + " bytes (256 bits); generate one with `java -jar cftokens-cli.jar key`"
                    + " or `openssl rand -base64 32`");
        }
        return new StateKey(key, null);
    }

    /**
     * A key derived from {@code passphrase} (PBKDF2, with the salt of the state it unlocks).
     *
     * @param passphrase the passphrase, copied
     * @return the key
     * @throws IllegalArgumentException when the passphrase is empty
     */
    public static StateKey ofPassphrase(char[] passphrase) {
        requireNonNull(passphrase, "passphrase");
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("the passphrase is empty; give a non-empty passphrase or a key");
        }
        return new StateKey(null, passphrase.clone());
    }

    /** {@return a new random raw key} */
    public static StateKey generate() {
        byte[] key = new byte[KEY_BYTES];
        Entropy.nextBytes(key);
        return new StateKey(key, null);
    }

    /**
     * The key from {@value #KEY_VARIABLE} or {@value #PASSPHRASE_VARIABLE}: {@link #fromLookup} of the
     * process environment.
     *
     * @return the key, or empty when neither is set
     * @throws IllegalArgumentException when both are set, or {@value #KEY_VARIABLE} is not a base64 256-bit
     *     key
     */
    public static Optional<StateKey> fromEnvironment() {
        return fromLookup(System::getenv);
    }

    /**
     * The key from {@value #KEY_VARIABLE} or {@value #PASSPHRASE_VARIABLE} as {@code lookup} gives them: the
     * one reading of the key that the command line, the Maven plugin and the Spring Boot starter share
     * (each maps its own settings onto these names).
     *
     * @param lookup the value of a variable by its name, or null
     * @return the key, or empty when neither is set
     * @throws IllegalArgumentException when both are set (which one was meant cannot be told), or {@value
     *     #KEY_VARIABLE} is not a base64 256-bit key
     */
    public static Optional<StateKey> fromLookup(Function<String, String> lookup) {
        String key = lookup.apply(KEY_VARIABLE);
        String passphrase = lookup.apply(PASSPHRASE_VARIABLE);
        if (key != null && !key.isBlank() && passphrase != null && !passphrase.isEmpty()) {
            throw new IllegalArgumentException("both " + KEY_VARIABLE + " and " + PASSPHRASE_VARIABLE
                    + " are set; set only one of them (" + KEY_VARIABLE + ", from cftokens-cli key, is the stronger)");
        }
        return fromVariables(key, passphrase);
    }

    static Optional<StateKey> fromVariables(String key, String passphrase) {
        if (key != null && !key.isBlank()) {
            return Optional.of(ofBase64(key, KEY_VARIABLE));
        }
        if (passphrase != null && !passphrase.isEmpty()) {
            return Optional.of(ofPassphrase(passphrase.toCharArray()));
        }
        return Optional.empty();
    }

    /**
     * {@return this key as base64, to hand to a secret manager}
     *
     * @throws IllegalStateException for a passphrase, which has no base64 form
     */
    public String toBase64() {
        if (rawKey == null) {
            throw new IllegalStateException("a passphrase has no base64 form");
        }
        return Base64.getEncoder().encodeToString(rawKey);
    }

    /** {@return true for a passphrase, whose key is derived with PBKDF2} */
    public boolean isPassphrase() {
        return passphrase != null;
    }

    /** Where this kind of key comes from, for messages. */
    String variable() {
        return isPassphrase() ? PASSPHRASE_VARIABLE : KEY_VARIABLE;
    }

    byte[] rawKey() {
        return rawKey.clone();
    }

    char[] passphrase() {
        return passphrase.clone();
    }

    @Override
    public String toString() {
        return isPassphrase() ? "StateKey[passphrase ****]" : "StateKey[key ****]";
    }
}
