package dev.cftokens.runtime;

/**
 * A call to Cloudflare failed. Subtypes say how: {@link CloudflareApiException} when Cloudflare
 * answered with an error (or an answer that is not its JSON envelope), {@link
 * CloudflareOutcomeUnknownException} when a write may or may not have happened, {@link
 * CloudflareConfigurationException} when the client is not set up to make the call. This type itself is
 * thrown for connection failures and timeouts of requests that were safe to retry but kept failing.
 *
 * <p>No message of this hierarchy contains a token value, API key or {@code Authorization} header.
 */
public class CloudflareException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with this message.
     *
     * @param message what failed; never a secret
     */
    public CloudflareException(String message) {
        super(message);
    }

    /**
     * An exception with this message and cause.
     *
     * @param message what failed; never a secret
     * @param cause the connection failure or timeout behind it
     */
    public CloudflareException(String message, Throwable cause) {
        super(message, cause);
    }
}
