package dev.cftokens.spring;

import dev.cftokens.runtime.Cloudflare;
import org.springframework.core.env.Environment;

/**
 * The {@link Cloudflare} client of the {@code cftokens.*} properties, each defaulting to the variable the
 * command line reads, so that one set of variables serves both.
 */
final class CloudflareClientFactory {
    private CloudflareClientFactory() {}

    static Cloudflare create(CftokensProperties properties, Environment environment) {
        String apiToken = VariableDefaults.resolve(properties.getApiToken(), environment, "CLOUDFLARE_API_TOKEN");
        String apiKey = VariableDefaults.resolve(null, environment, "CLOUDFLARE_API_KEY");
        if (apiToken == null && apiKey == null) {
            throw new MissingCredentialsException();
        }
        Cloudflare.Builder builder = Cloudflare.builder().userAgent("cftokens-spring-boot-starter");
        if (apiToken != null) {
            builder.apiToken(apiToken);
        } else {
            builder.apiKey(apiKey);
            String email = VariableDefaults.resolve(null, environment, "CLOUDFLARE_EMAIL");
            if (email != null) {
                builder.email(email);
            }
        }
        String accountId = VariableDefaults.resolve(properties.getAccountId(), environment, "CLOUDFLARE_ACCOUNT_ID");
        if (accountId != null) {
            builder.accountId(accountId);
        }
        String baseUrl = VariableDefaults.resolve(properties.getBaseUrl(), environment, "CLOUDFLARE_BASE_URL");
        if (baseUrl != null) {
            builder.baseUrl(baseUrl);
        }
        return builder.build();
    }
}
