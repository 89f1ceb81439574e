package dev.cftokens.core.rules;

import static java.util.Objects.requireNonNull;

/**
 * A value that breaks one of Cloudflare's rules: a resource key, CIDR, timestamp or token name.
 *
 * <p>The message stands on its own, because the annotation processor prints it under the offending
 * string and the emulator returns it in a 400 answer: it says what is wrong, quotes the value, and says
 * what would be right.
 */
public final class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The offending value exactly as it was given. */
    private final String value;

    /**
     * A rejection of {@code value}.
     *
     * @param value the offending value exactly as it was given
     * @param message what is wrong, quoting the value, and what would be right
     */
    public InvalidValueException(String value, String message) {
        super(requireNonNull(message, "message"));
        this.value = requireNonNull(value, "value");
    }

    /**
     * A rejection of {@code value} that another rejection, {@code cause}, led to.
     *
     * @param value the offending value exactly as it was given
     * @param message what is wrong, quoting the value, and what would be right
     * @param cause the rejection of a part of it, such as the address of a CIDR
     */
    public InvalidValueException(String value, String message, Throwable cause) {
        super(requireNonNull(message, "message"), cause);
        this.value = requireNonNull(value, "value");
    }

    /** {@return the offending value exactly as it was given, so a caller can point at it} */
    public String value() {
        return value;
    }
}
