package dev.cftokens.spring;

import dev.cftokens.runtime.Cloudflare;

/** Startup found no Cloudflare credentials to provision the application's tokens with. */
public class MissingCredentialsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MissingCredentialsException() {
        super("No Cloudflare credentials: neither cftokens.api-token nor " + Cloudflare.ENV_API_TOKEN + " is set"
                + " (nor " + Cloudflare.ENV_API_KEY + " with " + Cloudflare.ENV_EMAIL + "); a service that only"
                + " reads tokens applied elsewhere from a shared state sets cftokens.account-id ("
                + Cloudflare.ENV_ACCOUNT_ID + ") instead");
    }
}
