package dev.cftokens.spring.actuate;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the secrets among the {@code cftokens.*} properties in {@code /actuator/configprops} and {@code
 * /actuator/env} even where an application shows values: the API token, the key, the passphrase, and the
 * state location (a JDBC URL may carry a password).
 */
final class CftokensSecretsSanitizer implements SanitizingFunction {
    private static final Set<String> SECRETS = Set.of("apitoken", "key", "passphrase", "state");

    @Override
    public SanitizableData apply(SanitizableData data) {
        String key = data.getKey();
        if (key == null || !key.toLowerCase(Locale.ROOT).startsWith("cftokens.")) {
            return data;
        }
        String last = key.substring(key.lastIndexOf('.') + 1)
                .replace("-", "")
                .replace("_", "")
                .toLowerCase(Locale.ROOT);
        return SECRETS.contains(last) ? data.withSanitizedValue() : data;
    }
}
