package dev.cftokens.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.state.StateException;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.TokenRecord;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store on connections it borrows: it leaves the application's own locks and settings alone, names
 * the holder when a wait runs out, and refuses a server session that two clients share, as a pooler in
 * transaction mode hands out.
 */
class PooledConnectionTest {
    private static final StateKey KEY = StateKey.generate();
    private String prefix;
    private Connection physical;

    @BeforeEach
    void connect() throws SQLException {
        prefix = Database.freshPrefix();
        physical = Database.dataSource().getConnection();
    }

    @AfterEach
    void disconnect() throws SQLException {
        physical.close();
    }

    @Test
    void aRunLeavesTheApplicationsOwnLocksAndLockTimeoutOnItsConnection() throws Exception {
        try (Statement statement = physical.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(42, 42)");
            statement.execute("SET lock_timeout = '5s'");
        }
        PostgresStateStore store = store(Duration.ofSeconds(5));
        try (StateSession session = store.open(Set.of("a"))) {
            session.put(record("a"), Secret.of("value-a"));
        }
        try (StateSession session = store.openForReading(Set.of("a"))) {
            assertThat(session.value("a").orElseThrow().reveal()).isEqualTo("value-a");
        }
        assertThat(single("SHOW lock_timeout")).isEqualTo("5s");
        assertThat(single("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"))
                .as("only the application's own lock is left")
                .isEqualTo("1");
        assertThat(single("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
                        + " AND classid = 42 AND objid = 42"))
                .isEqualTo("1");
    }

    @Test
    void aRunGivesTheConnectionBackWithTheApplicationsAutoCommit() throws Exception {
        // A pool configured with autoCommit off (HikariCP's autoCommit=false) and one that does not reset it.
        physical.setAutoCommit(false);
        PostgresStateStore store = store(Duration.ofSeconds(5));
        try (StateSession session = store.open(Set.of("a"))) {
            session.put(record("a"), Secret.of("value-a"));
        }
        assertThat(physical.getAutoCommit()).as("after a run that wrote").isFalse();
        try (StateSession session = store.openForReading(Set.of("a"))) {
            assertThat(session.value("a").orElseThrow().reveal()).isEqualTo("value-a");
        }
        assertThat(physical.getAutoCommit()).as("after a run that read").isFalse();
        assertThat(store.tryOpen(Set.of("a"))).hasValueSatisfying(StateSession::close);
        assertThat(physical.getAutoCommit()).as("after a try").isFalse();
    }

    @Test
    void twoClientsOnOneServerSessionAreRefusedAsTransactionPooling() {
        // What PgBouncer's pool_mode = transaction does with one server connection: each client's statements
        // go to the same session, whose advisory locks are then everyone's.
        try (StateSession first = store(Duration.ofSeconds(1)).open(Set.of("a"))) {
            assertThatThrownBy(() -> store(Duration.ofSeconds(1)).open(Set.of("a")))
                    .isInstanceOf(StateException.class)
                    .hasMessageContaining("pool_mode = transaction")
                    .hasMessageContaining("session mode")
                    .hasMessageContaining("Nothing was written");
            first.put(record("a"), Secret.of("value-a"));
        }
    }

    @Test
    void aWaitThatRunsOutNamesTheHolderAndHowLongItHeldTheLock() throws Exception {
        PostgresStateStore holder = PostgresStateStore.builder()
                .url(Database.url())
                .key(KEY)
                .tablePrefix(prefix)
                .applicationName("billing-7f9c")
                .build();
        try (StateSession held = holder.open(Set.of("a"))) {
            Thread.sleep(1100);
            assertThatThrownBy(() -> PostgresStateStore.builder()
                            .url(Database.url())
                            .key(KEY)
                            .tablePrefix(prefix)
                            .lockWait(Duration.ofMillis(300))
                            .build()
                            .open(Set.of("a")))
                    .isInstanceOf(StateException.class)
                    .hasMessageContaining("another instance is provisioning [a]")
                    .hasMessageMatching("(?s).*held by \"billing-7f9c\" \\(pid \\d+\\) for [1-9][0-9.]* s.*");
        }
    }

    @Test
    void anApplicationNameThatPostgresWouldMangleIsRefusedNamingIt() {
        assertThatThrownBy(() -> PostgresStateStore.builder().applicationName("billing\u00e9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"billing\u00e9\"")
                .hasMessageContaining("printable ASCII");
    }

    private PostgresStateStore store(Duration lockWait) {
        return PostgresStateStore.builder()
                .dataSource(oneConnection())
                .key(KEY)
                .tablePrefix(prefix)
                .lockWait(lockWait)
                .build();
    }

    private String single(String sql) throws SQLException {
        try (Statement statement = physical.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static TokenRecord record(String id) {
        return new TokenRecord(id, "t-" + id, TokenOwner.ACCOUNT, null, "Token " + id, "sha256:" + "0".repeat(64));
    }

    /** A pool of one real connection, which every borrower gets and whose close() gives it back. */
    private DataSource oneConnection() {
        Connection borrowed = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    if (method.getName().equals("isClosed")) {
                        return physical.isClosed();
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new DataSource() {
            @Override
            public Connection getConnection() {
                return borrowed;
            }

            @Override
            public Connection getConnection(String user, String password) {
                return borrowed;
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {}

            @Override
            public void setLoginTimeout(int seconds) {}

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> type) {
                return false;
            }
        };
    }
}
