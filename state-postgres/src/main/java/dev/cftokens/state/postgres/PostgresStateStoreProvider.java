package dev.cftokens.state.postgres;

import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.StateStoreProvider;
import dev.cftokens.runtime.state.StateStoreSettings;
import java.util.Locale;

/** Serves {@code jdbc:postgresql:} locations with a {@link PostgresStateStore}; found by ServiceLoader. */
public final class PostgresStateStoreProvider implements StateStoreProvider {
    private static final String PREFIX = "jdbc:postgresql:";

    @Override
    public boolean accepts(String location) {
        return acceptsUrl(location);
    }

    static boolean acceptsUrl(String location) {
        return location.toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }

    @Override
    public StateStore create(StateStoreSettings settings) {
        PostgresStateStore.Builder builder = PostgresStateStore.builder()
                .url(settings.location())
                .origin(settings.origin())
                .user(settings.user())
                .password(settings.password());
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
