package dev.cftokens.spring;

/** Startup found no Cloudflare credentials to provision the application's tokens with. */
public class MissingCredentialsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MissingCredentialsException() {
        super("No Cloudflare credentials: neither cftokens.api-token nor CLOUDFLARE_API_TOKEN is set"
                + " (nor CLOUDFLARE_API_KEY with CLOUDFLARE_EMAIL); a service that only reads tokens applied"
                + " elsewhere from a shared state sets cftokens.account-id (CLOUDFLARE_ACCOUNT_ID) instead");
    }
}
