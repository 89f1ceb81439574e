package dev.cftokens.state.postgres;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.state.EncryptionHeader;
import dev.cftokens.runtime.state.StateEncryption;
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
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
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
    /** How long a run waits for another's lock unless configured otherwise. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(2);

    private final DataSource dataSource;
    private final String url;
    private final Properties properties;
    private final String origin;
    private final StateKey key;
    private final Duration lockWait;
    private final TableNames tables;
    private final StateSchema schema;
    private final String where;
    private volatile AdvisoryLocks locks;

    private PostgresStateStore(Builder builder) {
        this.dataSource = builder.dataSource;
        this.url = builder.url;
        this.properties = builder.properties();
        this.origin = builder.origin;
        this.key = builder.key;
        this.lockWait = builder.lockWait;
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
        return open(null, "the whole state", (connection, locks) -> {
                    locks.lockState(connection, lockWait, where);
                    return true;
                })
                .orElseThrow();
    }

    @Override
    public StateSession open(Set<String> declarationIds) {
        Set<String> ids = Set.copyOf(declarationIds);
        return open(ids, ids.toString(), (connection, locks) -> {
                    locks.lockDeclarations(connection, ids, AdvisoryLocks.Mode.EXCLUSIVE, lockWait, where);
                    return true;
                })
                .orElseThrow();
    }

    @Override
    public Optional<StateSession> tryOpen(Set<String> declarationIds) {
        Set<String> ids = Set.copyOf(declarationIds);
        return open(ids, ids.toString(), (connection, locks) -> locks.tryLockDeclarations(connection, ids));
    }

    @Override
    public StateSession openForReading(Set<String> declarationIds) {
        Set<String> ids = Set.copyOf(declarationIds);
        return open(Set.of(), ids.toString(), (connection, locks) -> {
                    locks.lockDeclarations(connection, ids, AdvisoryLocks.Mode.SHARED, lockWait, where);
                    return true;
                })
                .orElseThrow();
    }

    /** How a run takes its locks. */
    private interface Locking {
        /** Takes the locks, waiting as long as it may; false when they are held elsewhere and it did not wait. */
        boolean lock(Connection connection, AdvisoryLocks locks) throws SQLException;
    }

    /**
     * A session holding the locks {@code locking} takes, or empty when it did not get them.
     *
     * @param scope what the run may change: null for everything, empty for nothing
     */
    private Optional<StateSession> open(Set<String> scope, String what, Locking locking) {
        Connection connection = connect();
        try {
            AdvisoryLocks locks = prepare(connection);
            if (!locking.lock(connection, locks)) {
                release(connection);
                return Optional.empty();
            }
            StateEncryption encryption = unlock(connection);
            return Optional.of(
                    PostgresSession.load(connection, tables, encryption, scope, () -> release(connection), where));
        } catch (SQLException e) {
            release(connection);
            throw new StateException("cannot lock and read " + what + " of " + where + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            release(connection);
            throw e;
        }
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
        AdvisoryLocks fresh = new AdvisoryLocks(tables.lockNamespace(currentSchema));
        schema.ensure(connection, fresh.setupClass(), 0, where);
        locks = fresh;
        return fresh;
    }

    private StateEncryption unlock(Connection connection) throws SQLException {
        Optional<EncryptionHeader> stored = schema.encryption(connection);
        if (stored.isPresent()) {
            return StateEncryption.unlock(key, stored.get(), where);
        }
        StateEncryption created = StateEncryption.create(key);
        EncryptionHeader kept = schema.initializeEncryption(connection, created.header());
        return kept.equals(created.header()) ? created : StateEncryption.unlock(key, kept, where);
    }

    private Connection connect() {
        try {
            Connection connection =
                    dataSource != null ? dataSource.getConnection() : DriverManager.getConnection(url, properties);
            connection.setAutoCommit(true);
            return connection;
        } catch (SQLException e) {
            throw new StateException(
                    "cannot connect to " + where + ", named by " + origin + ": " + e.getMessage()
                            + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")")
                            + "; check the URL, that the database is running and reachable, and the user and password"
                            + " (in the URL, or " + "CFTOKENS_STATE_USER and CFTOKENS_STATE_PASSWORD)",
                    e);
        }
    }

    private void release(Connection connection) {
        try (connection) {
            if (!connection.isClosed() && locks != null) {
                // A pooled connection outlives this run: its session locks must not.
                locks.unlockAll(connection);
            }
        } catch (SQLException | RuntimeException e) {
            // Closing the connection releases the locks anyway; nothing is lost.
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

        /** How long a run waits for another instance's lock; default 2 minutes. */
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
            properties.setProperty("ApplicationName", "cftokens");
            return properties;
        }
    }
}
