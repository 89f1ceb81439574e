package dev.cftokens.spring;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateStores;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.core.env.Environment;

/**
 * The runtime's variables ({@code CLOUDFLARE_API_TOKEN}, {@code CFTOKENS_KEY} and the others) as the starter
 * reads them: the {@code cftokens.*} property that stands for one when it is set, else the variable itself
 * from Spring's environment. The runtime then applies its own rules to what this gives ({@link
 * Cloudflare#builderFrom(Function)}, {@link StateKey#fromLookup(Function)}), the same the command line
 * applies to the process environment.
 */
public final class SettingLookup implements Function<String, String> {
    /** The property that stands for each variable. */
    static final Map<String, String> PROPERTIES = Map.of(
            Cloudflare.ENV_API_TOKEN, "cftokens.api-token",
            Cloudflare.ENV_ACCOUNT_ID, "cftokens.account-id",
            Cloudflare.ENV_BASE_URL, "cftokens.base-url",
            StateStores.STATE_VARIABLE, "cftokens.state",
            StateKey.KEY_VARIABLE, "cftokens.key",
            StateKey.PASSPHRASE_VARIABLE, "cftokens.passphrase");

    /**
     * The variables that hold a credential or may (a state URL can carry a password): what the actuator
     * masks, under these names and their properties'.
     */
    static final Set<String> SECRET_VARIABLES = Set.of(
            Cloudflare.ENV_API_TOKEN,
            Cloudflare.ENV_API_KEY,
            StateKey.KEY_VARIABLE,
            StateKey.PASSPHRASE_VARIABLE,
            StateStores.STATE_VARIABLE,
            StateStores.PASSWORD_VARIABLE);

    private static final Set<String> SECRET_NAMES = SECRET_VARIABLES.stream()
            .flatMap(variable -> Stream.of(variable, PROPERTIES.getOrDefault(variable, variable)))
            .map(SettingLookup::relaxed)
            .collect(Collectors.toUnmodifiableSet());

    private final Environment environment;

    public SettingLookup(Environment environment) {
        this.environment = requireNonNull(environment, "environment");
    }

    @Override
    public String apply(String variable) {
        String property = PROPERTIES.get(variable);
        if (property != null) {
            String value = environment.getProperty(property);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        String value = environment.getProperty(variable);
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * True when {@code name} (a property such as {@code cftokens.api-token} or {@code cftokens.apiToken}, or a
     * variable such as {@code CFTOKENS_KEY} or {@code CFTOKENS_API_TOKEN}, which Spring binds to {@code
     * cftokens.api-token}) is one the starter reads a credential by.
     *
     * @param name the property or variable name
     * @return whether its value is a credential
     */
    public static boolean isSecret(String name) {
        return name != null && SECRET_NAMES.contains(relaxed(name));
    }

    /** The form relaxed binding compares: lower case, no dashes, underscores or dots. */
    private static String relaxed(String name) {
        return name.replaceAll("[-_.]", "").toLowerCase(Locale.ROOT);
    }
}
