package dev.cftokens.runtime;

/**
 * The client is missing a setting, or has contradictory ones, or cannot work out which account to use.
 * The message names the environment variable (and the builder method) that fixes it.
 */
public final class CloudflareConfigurationException extends CloudflareException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with this message.
     *
     * @param message what is missing or contradictory, and the setting that fixes it
     */
    public CloudflareConfigurationException(String message) {
        super(message);
    }

    /**
     * An exception with this message and cause.
     *
     * @param message what is missing or contradictory, and the setting that fixes it
     * @param cause the failure that revealed it, such as the failed account lookup
     */
    public CloudflareConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
