package dev.cftokens.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A secret value, such as a token's value, that never shows itself by accident: {@link #toString()}
 * is masked, {@link #reveal()} must be called by name, and {@link #destroy()} overwrites it.
 */
public final class Secret {
    private static final String MASK = "****";

    private final char[] value;
    private volatile boolean destroyed;

    private Secret(char[] value) {
        this.value = value;
    }

    /**
     * Wraps {@code value}; the caller should drop its own reference to the string.
     *
     * @param value the secret; not null or empty
     * @return the wrapped secret
     * @throws IllegalArgumentException when {@code value} is null or empty
     */
    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value.toCharArray());
    }

    /**
     * Wraps a copy of {@code value}.
     *
     * @param value the secret's characters, copied so the caller may clear its array
     * @return the wrapped secret
     * @throws IllegalArgumentException when {@code value} is null or empty
     */
    public static Secret of(char[] value) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value.clone());
    }

    /** {@return the secret in clear} Call it only where the value leaves the process on purpose. */
    public String reveal() {
        checkLive();
        return new String(value);
    }

    /** {@return the secret's UTF-8 bytes; the caller should zero the array after use} */
    public byte[] revealBytes() {
        checkLive();
        return new String(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Overwrites the value in memory; any later {@link #reveal()} fails. */
    public void destroy() {
        destroyed = true;
        Arrays.fill(value, '\0');
    }

    /** {@return true once {@link #destroy()} has cleared the value; the value is unreadable after that} */
    public boolean isDestroyed() {
        return destroyed;
    }

    /** {@return the length, which is safe to show} */
    public int length() {
        return value.length;
    }

    private void checkLive() {
        if (destroyed) {
            throw new IllegalStateException("this secret was destroyed");
        }
    }

    /** Constant-time comparison, so equality checks do not leak the value through timing. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Secret)) {
            return false;
        }
        byte[] a = new String(value).getBytes(StandardCharsets.UTF_8);
        byte[] b = new String(((Secret) other).value).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(a, b);
    }

    @Override
    public int hashCode() {
        // Constant: a hash derived from the value would be a cheap oracle for it.
        return 31;
    }

    /** Always masked; never the value. */
    @Override
    public String toString() {
        return MASK;
    }
}
