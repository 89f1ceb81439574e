package dev.cftokens.runtime.state;

/**
 * Makes the {@link StateStore} for a kind of location, such as a {@code jdbc:postgresql:} URL. Found by
 * {@link java.util.ServiceLoader} from {@code META-INF/services/dev.cftokens.runtime.state.StateStoreProvider},
 * so the runtime links no database code: adding a store's jar to the class path is all it takes.
 */
public interface StateStoreProvider {
    /**
     * {@return whether this provider makes stores for {@code location} (a URL prefix check, typically)}
     *
     * @param location the location, such as {@code jdbc:postgresql://db:5432/app}
     */
    boolean accepts(String location);

    /**
     * The store for {@code settings.location()}. Connects lazily or now, but reports a bad location
     * as a {@link StateException} naming {@link StateStoreSettings#origin()}, never the password.
     *
     * @param settings the location and what the store needs besides
     * @return the store
     * @throws StateException when the location is not one this provider can use
     */
    StateStore create(StateStoreSettings settings);
}
