package dev.cftokens.runtime.state;

/**
 * The state cannot be read, written or locked. The message names the file and says what to do; it
 * never holds a token value or the passphrase.
 */
public class StateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with this message.
     *
     * @param message what failed, naming the state and what to do
     */
    public StateException(String message) {
        super(message);
    }

    /**
     * An exception with this message and cause.
     *
     * @param message what failed, naming the state and what to do
     * @param cause the I/O or database failure behind it
     */
    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
