package dev.cftokens.spring.actuate;

import dev.cftokens.spring.SettingLookup;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks every credential the starter reads in {@code /actuator/configprops} and {@code /actuator/env}, even
 * where an application shows values, under every name it is read by: the {@code cftokens.*} properties and
 * the variables ({@code CLOUDFLARE_API_TOKEN}, {@code CFTOKENS_KEY}, ...), see {@link SettingLookup#isSecret}.
 * The state location is masked too, since a JDBC URL may carry a password.
 */
final class CftokensSecretsSanitizer implements SanitizingFunction {
    @Override
    public SanitizableData apply(SanitizableData data) {
        return SettingLookup.isSecret(data.getKey()) ? data.withSanitizedValue() : data;
    }
}
