package dev.cftokens.spring;

import dev.cftokens.runtime.Cloudflare;

/**
 * The {@link Cloudflare} client of the {@code cftokens.*} properties, each defaulting to the variable the
 * command line reads, so that one set of variables serves both. The runtime decides what the credentials
 * mean ({@link Cloudflare#builderFrom}): an API token together with a global API key is refused, as on the
 * command line, rather than one of them preferred without a word.
 */
final class CloudflareClientFactory {
    private CloudflareClientFactory() {}

    static Cloudflare create(SettingLookup settings) {
        // With only an account id the client has no credentials: a service served from a shared state.
        if (settings.apply(Cloudflare.ENV_API_TOKEN) == null
                && settings.apply(Cloudflare.ENV_API_KEY) == null
                && settings.apply(Cloudflare.ENV_ACCOUNT_ID) == null) {
            throw new MissingCredentialsException();
        }
        return Cloudflare.builderFrom(settings)
                .userAgent("cftokens-spring-boot-starter")
                .build();
    }
}
