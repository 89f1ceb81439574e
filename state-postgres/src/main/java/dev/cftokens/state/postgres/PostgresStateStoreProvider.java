package dev.cftokens.state.postgres;

import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.StateStoreProvider;
import dev.cftokens.runtime.state.StateStoreSettings;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Serves {@code jdbc:postgresql:} locations with a {@link PostgresStateStore}; found by ServiceLoader. */
public final class PostgresStateStoreProvider implements StateStoreProvider {
    private static final String PREFIX = "jdbc:postgresql:";
    private static final Pattern CURRENT_SCHEMA = Pattern.compile("[?&]currentSchema=([a-z_][a-z0-9_]*)(?:&|$)");

    @Override
    public boolean accepts(String location) {
        return acceptsUrl(location);
    }

    static boolean acceptsUrl(String location) {
        return location.toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }

    /**
     * The schema PgJDBC's {@code currentSchema} parameter names, when it names one plain schema: the store
     * then creates it if missing, as it does a schema given to its builder.
     */
    static Optional<String> currentSchema(String url) {
        Matcher matcher = CURRENT_SCHEMA.matcher(url);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    @Override
    public StateStore create(StateStoreSettings settings) {
        PostgresStateStore.Builder builder = PostgresStateStore.builder()
                .url(settings.location())
                .origin(settings.origin())
                .user(settings.user())
                .password(settings.password());
        currentSchema(settings.location()).ifPresent(builder::schema);
        StateKey key = settings.key();
        if (key != null) {
            builder.key(key);
        }
        if (settings.lockWait() != null) {
            builder.lockWait(settings.lockWait());
        }
        return builder.build();
    }
}
