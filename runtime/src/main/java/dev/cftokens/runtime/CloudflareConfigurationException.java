package dev.cftokens.runtime;

/**
 * The client is missing a setting, or has contradictory ones, or cannot work out which account to use.
 * The message names the environment variable (and the builder method) that fixes it.
 */
public final class CloudflareConfigurationException extends CloudflareException {
    private static final long serialVersionUID = 1L;

    public CloudflareConfigurationException(String message) {
        super(message);
    }

    public CloudflareConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
