package dev.cftokens.state.postgres;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.state.StateException;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.StateStoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The state of every instance of a service in one PostgreSQL database: the {@link StateStore} for a
 * fleet. Its tables ({@code cftokens_meta}, {@code cftokens_tokens}, {@code cftokens_pending_creates} by
 * default) are created on first use and versioned. Each change is a transaction. Runs coordinate through
 * the database's advisory locks, which die with the holder's connection: while one instance creates a
 * declaration's token, the others wait (up to {@link Builder#lockWait}, default 2 minutes) and then find
 * the token and its value recorded. Values are kept only encrypted, and a key is required, since the
 * point of a shared store is to hand values to other instances.
 *
 * <pre>{@code
 * StateStore store = PostgresStateStore.builder()
 *     .dataSource(applicationDataSource)
 *     .key(StateKey.fromEnvironment().orElseThrow())
 *     .build();
 * }</pre>
 *
 * Without code: {@code CFTOKENS_STATE=jdbc:postgresql://db:5432/app} with this jar on the class path.
 */
public final class PostgresStateStore implements StateStore {
    private static final System.Logger LOG = System.getLogger("dev.cftokens.state");

    /** How long a run waits for another's lock unless configured otherwise. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(2);

    private static final Pattern APPLICATION_NAME = Pattern.compile("[\\x20-\\x7e]{1,63}");

    private final DataSource dataSource;
    private final String url;
    private final Properties properties;
    private final String origin;
    private final StateKey key;
    private final Duration lockWait;
    private final TableNames tables;
    private final StateSchema schema;
    private final String where;
    private final String applicationName;
    private volatile AdvisoryLocks locks;

    private PostgresStateStore(Builder builder) {
        this.dataSource = builder.dataSource;
        this.url = builder.url;
        this.properties = builder.properties();
        this.origin = builder.origin;
        this.key = builder.key;
        this.lockWait = builder.lockWait;
        this.applicationName = builder.applicationName;
        this.tables = new TableNames(builder.schema, builder.tablePrefix);
        this.schema = new StateSchema(tables);
        this.where = "the PostgreSQL state "
                + (url != null ? StateStoreSettings.redact(url) : "of the application's data source") + " ("
                + tables.describe() + ")";
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String describe() {
        return where;
    }

    @Override
    public StateSession open() {
        return open(null, "the whole state", AdvisoryLocks.wholeState(), true).orElseThrow();
    }

    @Override
    public StateSession open(Set<String> declarationIds) {
        Set<String> ids = Set.copyOf(declarationIds);
        return open(ids, ids.toString(), AdvisoryLocks.declarations(ids, AdvisoryLocks.Mode.EXCLUSIVE), true)
                .orElseThrow();
    }

    @Override
    public Optional<StateSession> tryOpen(Set<String> declarationIds) {
        Set<String> ids = Set.copyOf(declarationIds);
        return open(ids, ids.toString(), AdvisoryLocks.declarations(ids, AdvisoryLocks.Mode.EXCLUSIVE), false);
    }

    @Override
    public StateSession openForReading(Set<String> declarationIds) {
        Set<String> ids = Set.copyOf(declarationIds);
        return open(Set.of(), ids.toString(), AdvisoryLocks.declarations(ids, AdvisoryLocks.Mode.SHARED), true)
                .orElseThrow();
    }

    /**
     * A session holding {@code keys}, or empty when another run holds one and {@code wait} is false. Waits,
     * and rides out transient failures, within one lock wait.
     *
     * @param scope what the run may change: null for everything, empty for nothing
     */
    private Optional<StateSession> open(Set<String> scope, String what, List<AdvisoryLocks.Key> keys, boolean wait) {
        Backoff backoff = new Backoff(lockWait);
        // One identity for the whole run, so that its lock, reserved for it across a database restart, is
        // taken back by this run and not kept from it by its own earlier attempt.
        String run = UUID.randomUUID().toString();
        while (true) {
            Optional<LockedConnection> held = acquire(keys, what, wait, backoff, run);
            if (held.isEmpty()) {
                return Optional.empty();
            }
            LockedConnection link = held.get();
            PostgresRows rows;
            try {
                rows = PostgresRows.load(link, tables, scope, where);
            } catch (SQLException e) {
                link.close();
                retryOrFail(e, "read " + what + " of", backoff);
                continue;
            } catch (RuntimeException e) {
                link.close();
                throw e;
            }
            // Closes the rows itself when the key is refused.
            return Optional.of(StateSession.over(rows, key, where));
        }
    }

    /**
     * A connection whose session holds {@code keys}: tried now, then (when {@code wait}) polled with
     * backoff, the connection given back between attempts, until {@code backoff}'s deadline.
     */
    private Optional<LockedConnection> acquire(
            List<AdvisoryLocks.Key> keys, String what, boolean wait, Backoff backoff, String run) {
        boolean announced = false;
        while (true) {
            BorrowedConnection borrowed = null;
            AdvisoryLocks known = null;
            try {
                borrowed = connect();
                Connection connection = borrowed.connection();
                known = prepare(connection);
                if (known.tryLock(connection, keys, applicationName, run)) {
                    return Optional.of(new LockedConnection(
                            borrowed,
                            known,
                            keys,
                            () -> acquire(keys, what, true, new Backoff(lockWait), run)
                                    .orElseThrow(),
                            this::release,
                            where));
                }
                if (!wait) {
                    release(borrowed, known, List.of());
                    return Optional.empty();
                }
                Duration pause = backoff.next();
                if (pause.isZero()) {
                    String holders = known.describeHolders(connection, keys);
                    release(borrowed, known, List.of());
                    throw new StateException("waited " + Backoff.describe(backoff.total()) + " for the lock on "
                            + what + ", but " + busy(keys, what) + " still (held by " + holders + "); try again"
                            + " when it is done, or give a longer wait (PostgresStateStore.Builder.lockWait)");
                }
                release(borrowed, known, List.of());
                if (!announced) {
                    announced = true;
                    LOG.log(
                            System.Logger.Level.INFO,
                            "waiting up to {0}: {1}",
                            Backoff.describe(backoff.total()),
                            busy(keys, what));
                }
                backoff.sleep(pause);
            } catch (SQLException e) {
                release(borrowed, known, List.of());
                retryOrFail(e, "lock " + what + " of", backoff);
            } catch (RuntimeException e) {
                release(borrowed, known, List.of());
                throw e;
            }
        }
    }

    private String busy(List<AdvisoryLocks.Key> keys, String what) {
        boolean wholeState = keys.stream()
                .anyMatch(
                        key -> key.object() == AdvisoryLocks.WHOLE_STATE && key.mode() == AdvisoryLocks.Mode.EXCLUSIVE);
        return wholeState
                ? "another run holds the whole state " + where
                : "another instance is provisioning " + what + " in " + where;
    }

    /**
     * After {@code failure}: a pause and one log line when it is transient and the wait is not over; a
     * {@link StateException} naming the setting when it is permanent or the wait is over.
     */
    private void retryOrFail(SQLException failure, String doing, Backoff backoff) {
        String reason = failure.getMessage()
                + (failure.getSQLState() == null ? "" : " (SQLSTATE " + failure.getSQLState() + ")");
        if (!TransientFailures.isTransient(failure)) {
            throw new StateException(
                    "cannot " + doing + " " + where + ": " + reason + "; " + FailureAdvice.of(failure, origin),
                    failure);
        }
        Duration pause = backoff.next();
        if (pause.isZero()) {
            throw new StateException(
                    "cannot " + doing + " " + where + " within the lock wait of "
                            + Backoff.describe(backoff.total()) + " (" + (backoff.attempts() + 1)
                            + " attempts); the last"
                            + " failure: " + reason + "; " + FailureAdvice.of(failure, origin),
                    failure);
        }
        LOG.log(
                System.Logger.Level.WARNING,
                "cannot {0} {1}: {2}; attempt {3}, retrying in {4} ({5} left of the lock" + " wait)",
                doing,
                where,
                reason,
                backoff.attempts() + 1,
                Backoff.describe(pause),
                Backoff.describe(backoff.remaining()));
        backoff.sleep(pause);
    }

    /** Creates or checks the tables once per store instance, and learns the lock namespace. */
    private AdvisoryLocks prepare(Connection connection) throws SQLException {
        AdvisoryLocks known = locks;
        if (known != null) {
            return known;
        }
        String currentSchema;
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_schema()")) {
            result.next();
            currentSchema = result.getString(1);
        }
        AdvisoryLocks fresh = new AdvisoryLocks(tables.lockNamespace(currentSchema), new LockHolders(tables, where));
        schema.ensure(connection, fresh.setupClass(), 0, where);
        locks = fresh;
        return fresh;
    }

    private BorrowedConnection connect() throws SQLException {
        return BorrowedConnection.of(
                dataSource != null ? dataSource.getConnection() : DriverManager.getConnection(url, properties));
    }

    /**
     * Releases exactly {@code keys} (none for a connection whose try failed), puts back the application's
     * autoCommit and gives the connection back.
     */
    private void release(BorrowedConnection borrowed, AdvisoryLocks held, List<AdvisoryLocks.Key> keys) {
        if (borrowed == null) {
            return;
        }
        Connection connection = borrowed.connection();
        try (connection) {
            try {
                if (held != null && !keys.isEmpty() && !connection.isClosed() && !held.unlock(connection, keys)) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "released a lock of {0} that this database session did not"
                                    + " hold: a pooler in transaction mode is between the store and PostgreSQL",
                            where);
                }
            } finally {
                if (!connection.isClosed()) {
                    borrowed.restore();
                }
            }
        } catch (SQLException | RuntimeException e) {
            // A broken connection's session has ended, and its locks with it; nothing is lost.
        }
    }

    @Override
    public String toString() {
        return "PostgresStateStore[" + where + "]";
    }

    /** Configures a {@link PostgresStateStore}: a data source or a JDBC URL, and a key. */
    public static final class Builder {
        private DataSource dataSource;
        private String url;
        private String user;
        private Secret password;
        private String origin = "the configuration";
        private StateKey key;
        private Duration lockWait = DEFAULT_LOCK_WAIT;
        private String schema;
        private String tablePrefix = "cftokens_";
        private String applicationName = defaultApplicationName();

        private Builder() {}

        /** The application's pool; each run borrows one connection for its length. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** A {@code jdbc:postgresql://host:port/database} URL, with or without user and password. */
        public Builder url(String url) {
            requireNonNull(url, "url");
            if (!PostgresStateStoreProvider.acceptsUrl(url.strip())) {
                throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + StateStoreSettings.redact(url)
                        + "; expected jdbc:postgresql://host:5432/database");
            }
            this.url = url.strip();
            return this;
        }

        /** The user, when the URL carries none. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The password, when the URL carries none. */
        public Builder password(Secret password) {
            this.password = password;
            return this;
        }

        /** Where the URL came from, named in a connection error: {@code CFTOKENS_STATE}, a property. */
        public Builder origin(String origin) {
            this.origin = requireNonNull(origin, "origin");
            return this;
        }

        /** The key that encrypts values; required. */
        public Builder key(StateKey key) {
            this.key = requireNonNull(key, "key");
            return this;
        }

        /**
         * How long a run waits for another instance's lock, and rides out a database that is restarting or
         * unreachable; default 2 minutes.
         */
        public Builder lockWait(Duration lockWait) {
            this.lockWait = StateStoreSettings.checkLockWait(lockWait);
            return this;
        }

        /** The schema of the tables, created if missing; default the connection's current schema. */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /** The prefix of the tables' names; default {@code cftokens_}. */
        public Builder tablePrefix(String tablePrefix) {
            this.tablePrefix = requireNonNull(tablePrefix, "tablePrefix");
            return this;
        }

        /**
         * The name this store's sessions carry, in {@code pg_stat_activity} (on its own connections) and in a
         * waiting instance's message naming the holder; default {@code cftokens <pid>@<HOSTNAME>}.
         */
        public Builder applicationName(String applicationName) {
            requireNonNull(applicationName, "applicationName");
            if (!APPLICATION_NAME.matcher(applicationName).matches()) {
                throw new IllegalArgumentException(
                        "the application name \"" + applicationName + "\" is not one"
                                + " PostgreSQL keeps as it is: use 1 to 63 printable ASCII characters (such as \"billing-7f9c\")");
            }
            this.applicationName = applicationName;
            return this;
        }

        private static String defaultApplicationName() {
            String host = System.getenv("HOSTNAME");
            String name = "cftokens " + ProcessHandle.current().pid()
                    + (host == null || host.isBlank() ? "" : "@" + host.strip());
            name = name.replaceAll("[^\\x20-\\x7e]", "?");
            return name.length() > 63 ? name.substring(0, 63) : name;
        }

        /**
         * The store.
         *
         * @throws StateException without a key, or without a data source or URL
         */
        public PostgresStateStore build() {
            if (dataSource == null && url == null) {
                throw new IllegalStateException("give the PostgreSQL state a dataSource(...) or a url(...)");
            }
            if (key == null) {
                throw new StateException("the shared PostgreSQL state hands token values to every instance, so it"
                        + " needs a key to encrypt them: set " + StateKey.KEY_VARIABLE + " (a base64 256-bit key;"
                        + " `java -jar cftokens-cli.jar key` prints one) or " + StateKey.PASSPHRASE_VARIABLE
                        + ", the same in every instance");
            }
            new TableNames(schema, tablePrefix); // checks both names now, not at the first run
            return new PostgresStateStore(this);
        }

        private Properties properties() {
            Properties properties = new Properties();
            if (user != null) {
                properties.setProperty("user", user);
            }
            if (password != null) {
                properties.setProperty("password", password.reveal());
            }
            properties.setProperty("ApplicationName", applicationName);
            return properties;
        }
    }
}
