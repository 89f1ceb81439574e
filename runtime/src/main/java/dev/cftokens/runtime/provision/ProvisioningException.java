package dev.cftokens.runtime.provision;

/**
 * Provisioning could not finish: a declaration Cloudflare cannot honour (such as a permission group the
 * account no longer offers), or changes that failed. The message names each token and what to do; it
 * never holds a token value. Whatever was done before the failure is recorded in the state.
 */
public class ProvisioningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with this message.
     *
     * @param message each failed token and what to do about it
     */
    public ProvisioningException(String message) {
        super(message);
    }

    /**
     * An exception with this message and cause.
     *
     * @param message each failed token and what to do about it
     * @param cause the failure of the one change that stopped the run
     */
    public ProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
