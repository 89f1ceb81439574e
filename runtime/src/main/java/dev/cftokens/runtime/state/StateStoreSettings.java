package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Secret;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@link StateStoreProvider} is given to make a store. Its {@code toString()} shows the location
 * with any password removed.
 *
 * @param location a path or URL, such as {@code jdbc:postgresql://db:5432/app}
 * @param origin where the location came from, for messages: {@code CFTOKENS_STATE}, {@code --state}, a property
 * @param key the key that encrypts values, or null to keep none
 * @param user the database user when the location does not carry one, or null
 * @param password the database password when the location does not carry one, or null
 * @param lockWait how long a run waits for another's lock, or null for the store's default
 */
public record StateStoreSettings(
        String location, String origin, StateKey key, String user, Secret password, Duration lockWait) {
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//)[^/@?]*@");

    /**
     * Checks the components.
     *
     * @param location a path or URL, such as {@code jdbc:postgresql://db:5432/app}
     * @param origin where the location came from, for messages
     * @param key the key that encrypts values, or null to keep none
     * @param user the database user when the location does not carry one, or null
     * @param password the database password when the location does not carry one, or null
     * @param lockWait how long a run waits for another's lock, or null for the store's default
     * @throws NullPointerException when {@code location} or {@code origin} is null
     * @throws IllegalArgumentException when {@code lockWait} is negative
     */
    public StateStoreSettings {
        requireNonNull(location, "location");
        requireNonNull(origin, "origin");
        if (lockWait != null) {
            checkLockWait(lockWait);
        }
    }

    /**
     * {@code lockWait} if it is a wait a store can take (zero or more), for every store's builder.
     *
     * @param lockWait the wait to check
     * @return {@code lockWait}
     * @throws IllegalArgumentException for a negative wait
     */
    public static Duration checkLockWait(Duration lockWait) {
        requireNonNull(lockWait, "lockWait");
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("the lock wait must not be negative, not " + lockWait);
        }
        return lockWait;
    }

    /**
     * Settings with only a location: no key, no credentials, default wait.
     *
     * @param location a path or URL
     * @param origin where the location came from, for messages
     * @return the settings
     */
    public static StateStoreSettings of(String location, String origin) {
        return new StateStoreSettings(location, origin, null, null, null, null);
    }

    /**
     * {@return these settings at another location}
     *
     * @param location a path or URL
     */
    public StateStoreSettings withLocation(String location) {
        return new StateStoreSettings(location, origin, key, user, password, lockWait);
    }

    /**
     * {@return these settings with another key}
     *
     * @param key the key that encrypts values, or null to keep none
     */
    public StateStoreSettings withKey(StateKey key) {
        return new StateStoreSettings(location, origin, key, user, password, lockWait);
    }

    /**
     * {@return these settings with database credentials}
     *
     * @param user the database user, or null
     * @param password the database password, or null
     */
    public StateStoreSettings withCredentials(String user, Secret password) {
        return new StateStoreSettings(location, origin, key, user, password, lockWait);
    }

    /**
     * {@return these settings with another lock wait}
     *
     * @param lockWait how long a run waits for another's lock, or null for the store's default
     * @throws IllegalArgumentException when {@code lockWait} is negative
     */
    public StateStoreSettings withLockWait(Duration lockWait) {
        return new StateStoreSettings(location, origin, key, user, password, lockWait);
    }

    /** {@return the key, if any} */
    public Optional<StateKey> optionalKey() {
        return Optional.ofNullable(key);
    }

    /** {@return the location with a password in it (user info or a {@code password=} parameter) masked} */
    public String redactedLocation() {
        return redact(location);
    }

    /**
     * {@return {@code location} with a password in it masked}
     *
     * @param location a path or URL, possibly with a password in its user info or query
     */
    public static String redact(String location) {
        String masked = PASSWORD_PARAMETER.matcher(location).replaceAll("$1****");
        return USER_INFO.matcher(masked).replaceAll("$1****@");
    }

    @Override
    public String toString() {
        return "StateStoreSettings[" + origin + "=" + redactedLocation() + ", key=" + (key == null ? "none" : key)
                + ", user=" + user + ", password=" + (password == null ? "none" : "****") + ", lockWait="
                + lockWait + "]";
    }
}
