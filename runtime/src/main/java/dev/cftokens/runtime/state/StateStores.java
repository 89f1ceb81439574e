package dev.cftokens.runtime.state;

import dev.cftokens.runtime.Secret;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Picks the {@link StateStore} for a location: a file path ({@code .cftokens/state.json} by default) or a
 * URL served by a {@link StateStoreProvider} on the class path, such as {@code jdbc:postgresql://db/app}
 * with {@code cftokens-state-postgres}. The environment configures it without code:
 * {@value #STATE_VARIABLE}, {@value #USER_VARIABLE}, {@value #PASSWORD_VARIABLE} and the key
 * ({@value StateKey#KEY_VARIABLE} or {@value StateKey#PASSPHRASE_VARIABLE}).
 */
public final class StateStores {
    /** The environment variable naming the state: a path or a JDBC URL. */
    public static final String STATE_VARIABLE = "CFTOKENS_STATE";
    /** The database user, when the URL carries none. */
    public static final String USER_VARIABLE = "CFTOKENS_STATE_USER";
    /** The database password, when the URL carries none. */
    public static final String PASSWORD_VARIABLE = "CFTOKENS_STATE_PASSWORD";

    private StateStores() {}

    /** {@return the settings the environment gives: the location (default the file), key and credentials} */
    public static StateStoreSettings settingsFromEnvironment() {
        return settingsFrom(System::getenv, STATE_VARIABLE);
    }

    /**
     * The settings {@code lookup} gives by the variables' names: the location {@value #STATE_VARIABLE} names,
     * else the default state file, with the key and database credentials. The one reading of where the
     * state is that the command line, the Maven plugin and the Spring Boot starter share, each mapping its
     * own settings onto these names.
     *
     * @param lookup the value of a variable by its name, or null
     * @param locationOrigin what set {@value #STATE_VARIABLE} in {@code lookup}, for messages, such as
     *     {@code --state}
     * @return the settings
     * @throws IllegalArgumentException as {@link StateKey#fromLookup(Function)}
     */
    public static StateStoreSettings settingsFrom(Function<String, String> lookup, String locationOrigin) {
        String location = lookup.apply(STATE_VARIABLE);
        String origin = locationOrigin;
        if (location == null || location.isBlank()) {
            location = FileStateStore.DEFAULT_PATH.toString();
            origin = "the default state file";
        }
        return withLookup(StateStoreSettings.of(location.strip(), origin), lookup);
    }

    /**
     * {@return {@code settings} with the key and database credentials from the environment, where they set none}
     *
     * @param settings the settings given explicitly
     * @throws IllegalArgumentException as {@link StateKey#fromLookup(Function)}
     */
    public static StateStoreSettings withEnvironment(StateStoreSettings settings) {
        return withLookup(settings, System::getenv);
    }

    /**
     * The settings with the key and database credentials that {@code lookup} gives by their variables'
     * names, where they set none: how the Maven plugin and the Spring Boot starter read them from their own
     * properties by the names the command line reads from the environment.
     *
     * @param settings the settings given explicitly
     * @param lookup the value of a variable by its name, or null
     * @return the completed settings
     * @throws IllegalArgumentException as {@link StateKey#fromLookup(Function)}
     */
    public static StateStoreSettings withLookup(StateStoreSettings settings, Function<String, String> lookup) {
        StateStoreSettings result = settings;
        if (result.key() == null) {
            result = result.withKey(StateKey.fromLookup(lookup).orElse(null));
        }
        return withCredentials(result, lookup);
    }

    private static StateStoreSettings withCredentials(StateStoreSettings settings, Function<String, String> lookup) {
        StateStoreSettings result = settings;
        if (result.user() == null && result.password() == null) {
            String user = lookup.apply(USER_VARIABLE);
            String password = lookup.apply(PASSWORD_VARIABLE);
            result = result.withCredentials(
                    user == null || user.isEmpty() ? null : user,
                    password == null || password.isEmpty() ? null : Secret.of(password));
        }
        return result;
    }

    /** {@return the store {@value #STATE_VARIABLE} names, with the key and credentials of the environment} */
    public static StateStore fromEnvironment() {
        return create(settingsFromEnvironment());
    }

    /**
     * The store for {@code settings}: a provider's when one accepts the location, else a file.
     *
     * @param settings the location, key, credentials and lock wait
     * @return the store
     * @throws StateException for a URL no provider on the class path accepts, or a location that is no path
     */
    public static StateStore create(StateStoreSettings settings) {
        String location = settings.location();
        for (StateStoreProvider provider : providers()) {
            if (provider.accepts(location)) {
                return provider.create(settings);
            }
        }
        if (looksLikeUrl(location)) {
            throw new StateException(settings.origin() + " is the URL " + settings.redactedLocation()
                    + ", but no state store for it is on the class path. For PostgreSQL"
                    + " (jdbc:postgresql://host:5432/database) add dev.cftokens:cftokens-state-postgres;"
                    + " otherwise give a file path.");
        }
        Path path;
        try {
            path = Path.of(location);
        } catch (InvalidPathException e) {
            throw new StateException(settings.origin() + " is neither a file path nor a JDBC URL: "
                    + settings.redactedLocation() + " (" + e.getReason() + ")");
        }
        FileStateStore.Builder builder = FileStateStore.builder().path(path).key(settings.key());
        if (settings.lockWait() != null) {
            builder.lockWait(settings.lockWait());
        }
        return builder.build();
    }

    /** True when {@code location} is a URL a provider would serve, not a path. */
    static boolean looksLikeUrl(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:") || lower.matches("[a-z][a-z0-9+.-]+://.*");
    }

    private static List<StateStoreProvider> providers() {
        List<StateStoreProvider> providers = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ServiceLoader.load(StateStoreProvider.class, loader == null ? StateStores.class.getClassLoader() : loader)
                .forEach(providers::add);
        if (providers.isEmpty() && loader != StateStores.class.getClassLoader()) {
            ServiceLoader.load(StateStoreProvider.class, StateStores.class.getClassLoader())
                    .forEach(providers::add);
        }
        return providers;
    }
}
