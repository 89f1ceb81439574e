package dev.cftokens.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.state.Holding;
import dev.cftokens.runtime.state.PreviousGeneration;
import dev.cftokens.runtime.state.StateException;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.StateStoreSettings;
import dev.cftokens.runtime.state.StateStores;
import dev.cftokens.runtime.state.TokenRecord;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresStateStoreTest {
    private static final StateKey KEY = StateKey.generate();
    private String prefix;

    @BeforeEach
    void freshTables() {
        prefix = Database.freshPrefix();
    }

    private PostgresStateStore.Builder builder() {
        return PostgresStateStore.builder().url(Database.url()).key(KEY).tablePrefix(prefix);
    }

    private static TokenRecord record(String id) {
        return new TokenRecord(id, "t-" + id, TokenOwner.ACCOUNT, null, "Token " + id, "sha256:" + "0".repeat(64));
    }

    @Test
    void aJdbcUrlInTheStateSettingIsServedByThisStoreThroughServiceLoader() {
        StateStore store = StateStores.create(StateStoreSettings.of(Database.url(), StateStores.STATE_VARIABLE)
                .withKey(KEY));
        assertThat(store).isInstanceOf(PostgresStateStore.class);
        assertThat(store.describe()).contains("PostgreSQL").contains("127.0.0.1");
    }

    @Test
    void withoutAKeyTheSharedStoreRefusesToStart() {
        assertThatThrownBy(() -> StateStores.create(StateStoreSettings.of(Database.url(), StateStores.STATE_VARIABLE)))
                .isInstanceOf(StateException.class)
                .hasMessageContaining(StateKey.KEY_VARIABLE)
                .hasMessageContaining(StateKey.PASSPHRASE_VARIABLE);
    }

    /** Named short: the driver logs the failure with a stack trace, which the leak scan reads. */
    @Test
    void unreachableDatabaseIsAClearError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/app?user=svc&password=hunter2-very-secret";
        StateStore store = StateStores.create(StateStoreSettings.of(url, StateStores.STATE_VARIABLE)
                .withKey(KEY)
                .withLockWait(Duration.ofMillis(800)));
        long started = System.nanoTime();
        assertThatThrownBy(store::open)
                .isInstanceOf(StateException.class)
                .hasMessageContaining("within the lock wait of 800 ms")
                .hasMessageContaining("CFTOKENS_STATE")
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageNotContaining("hunter2");
        assertThat(store.describe()).doesNotContain("hunter2");
        // A refused connection is retried, as a restarting server refuses them, but only within the wait.
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofMillis(700), Duration.ofSeconds(5));
    }

    @Test
    void aUrlThatIsNotPostgresIsRefusedAtOnce() {
        assertThatThrownBy(() -> PostgresStateStore.builder().url("jdbc:mysql://db/app?password=x1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://host:5432/database")
                .hasMessageNotContaining("x1");
    }

    @Test
    void aBadTablePrefixIsRefusedNamingIt() {
        assertThatThrownBy(() -> builder().tablePrefix("x; drop table y").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"x; drop table y\"");
    }

    @Test
    void runsForDifferentDeclarationsGoOnTogetherWhileTheSameOneWaits() {
        StateStore store = builder().lockWait(Duration.ofMillis(300)).build();
        try (StateSession a = store.open(Set.of("a"))) {
            try (StateSession b = builder().build().open(Set.of("b"))) {
                b.put(record("b"), Secret.of("value-b"));
            }
            long started = System.nanoTime();
            assertThatThrownBy(() ->
                            builder().lockWait(Duration.ofMillis(300)).build().open(Set.of("a", "c")))
                    .isInstanceOf(StateException.class)
                    .hasMessageContaining("another instance is provisioning");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThatThrownBy(() -> a.put(record("b"))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void readersReadTogetherWaitForAWriterAndCannotWrite() {
        try (StateSession writer = builder().build().open(Set.of("a"))) {
            writer.put(record("a"), Secret.of("value-a"));
            assertThatThrownBy(() ->
                            builder().lockWait(Duration.ofMillis(200)).build().openForReading(Set.of("a")))
                    .isInstanceOf(StateException.class);
        }
        try (StateSession first = builder().build().openForReading(Set.of("a"));
                StateSession second =
                        builder().lockWait(Duration.ofMillis(200)).build().openForReading(Set.of("a"))) {
            assertThat(first.value("a").orElseThrow().reveal()).isEqualTo("value-a");
            assertThat(second.value("a").orElseThrow().reveal()).isEqualTo("value-a");
            assertThatThrownBy(() -> second.put(record("a")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only reads");
            // A writer waits for the readers.
            assertThatThrownBy(() ->
                            builder().lockWait(Duration.ofMillis(200)).build().open(Set.of("a")))
                    .isInstanceOf(StateException.class);
        }
    }

    @Test
    void tryOpenGivesTheLocksOnlyWhenNoOtherRunHoldsThem() {
        try (StateSession holder = builder().build().open(Set.of("a"))) {
            assertThat(builder().build().tryOpen(Set.of("a"))).isEmpty();
            try (StateSession other = builder().build().tryOpen(Set.of("b")).orElseThrow()) {
                other.put(record("b"));
            }
        }
        try (StateSession free = builder().build().tryOpen(Set.of("a")).orElseThrow()) {
            free.put(record("a"));
        }
    }

    @Test
    void aHolderWhoseConnectionDiesReleasesItsLock() throws Exception {
        StateSession holder = builder().build().open(Set.of("a"));
        try (Connection admin = Database.dataSource().getConnection();
                Statement statement = admin.createStatement()) {
            // What the server does when a killed instance's socket closes: end its backend.
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND pid <> pg_backend_pid()");
        }
        try (StateSession next =
                builder().lockWait(Duration.ofSeconds(5)).build().open(Set.of("a"))) {
            next.put(record("a"), Secret.of("value-a"));
        }
        try {
            holder.close();
        } catch (RuntimeException e) {
            // Its connection is gone; closing must not matter.
        }
    }

    @Test
    void tablesGoIntoTheConfiguredSchemaWithTheirVersion() throws Exception {
        try (StateSession session = builder().schema("cftokens_state").build().open()) {
            session.put(record("a"), Secret.of("value-a"));
        }
        try (Connection connection = Database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery(
                        "SELECT value FROM cftokens_state." + prefix + "meta WHERE name = 'schema_version'")) {
            assertThat(version.next()).isTrue();
            assertThat(version.getString(1)).isEqualTo("4");
        }
    }

    /**
     * Version 1 is the layout main wrote before generations (d3e0839): version 3's tables without the
     * generation and input columns. It is made here from today's, so the test needs no old build.
     */
    @Test
    void aVersionOneStateIsUpgradedInPlaceKeepingItsRecordsAndValues() throws Exception {
        try (StateSession session = builder().build().open()) {
            session.put(record("a"), Secret.of("value-a"));
        }
        rebuildOlderVersion(
                1,
                "ALTER TABLE " + prefix + "tokens DROP COLUMN issued_at, DROP COLUMN previous_token_id,"
                        + " DROP COLUMN previous_retire_at, DROP COLUMN inputs",
                "DROP TABLE " + prefix + "holders");

        Instant issued = Instant.parse("2026-12-01T10:00:00Z");
        try (StateSession session = builder().build().open()) {
            assertThat(session.record("a")).contains(record("a"));
            assertThat(session.value("a").orElseThrow().reveal()).isEqualTo("value-a");
            session.put(record("a")
                    .withIssuedAt(issued)
                    .withPrevious(new PreviousGeneration("t-old", issued.plus(Duration.ofDays(2)))));
        }
        try (StateSession session = builder().build().open()) {
            TokenRecord upgraded = session.record("a").orElseThrow();
            assertThat(upgraded.issuedAt()).isEqualTo(issued);
            assertThat(upgraded.previous().tokenId()).isEqualTo("t-old");
            assertThat(session.value("a").orElseThrow().reveal()).isEqualTo("value-a");
        }
        try (Connection connection = Database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet version =
                        statement.executeQuery("SELECT value FROM " + prefix + "meta WHERE name = 'schema_version'")) {
            version.next();
            assertThat(version.getString(1)).isEqualTo("4");
        }
    }

    @Test
    void aSessionThatOnlyReadsNotesWhoHoldsATokenAndEveryRunSeesIt() {
        PostgresStateStore store = builder().build();
        try (StateSession session = store.open()) {
            session.put(record("a"), Secret.of("value-a"));
        }
        Instant until = Instant.parse("2030-01-01T00:00:00Z");
        try (StateSession reading = store.openForReading(Set.of("a"))) {
            reading.hold(new Holding("a", "4711@web-1 (abc)#1", "t-a", until));
            reading.hold(new Holding("a", "4711@web-1 (abc)#1", "t-a", until.plusSeconds(30)));
            reading.hold(new Holding("a", "12@web-2 (def)#1", "t-old", until));
        }
        try (StateSession session = store.open()) {
            assertThat(session.holdings("a"))
                    .containsExactlyInAnyOrder(
                            new Holding("a", "4711@web-1 (abc)#1", "t-a", until.plusSeconds(30)),
                            new Holding("a", "12@web-2 (def)#1", "t-old", until));
            assertThat(session.holdings("b")).isEmpty();
        }
    }

    @Test
    void aVersionTwoStateGetsTheInputsColumnInPlace() throws Exception {
        try (StateSession session = builder().build().open()) {
            session.put(record("a"), Secret.of("value-a"));
        }
        rebuildOlderVersion(2, "ALTER TABLE " + prefix + "tokens DROP COLUMN inputs");

        try (StateSession session = builder().build().open()) {
            assertThat(session.record("a")).contains(record("a"));
            session.put(record("a").withInputs(java.util.Map.of("zoneId", "023e105f4ecef8ad9ca31a8372d0c353")));
        }
        try (StateSession session = builder().build().open()) {
            assertThat(session.record("a").orElseThrow().inputs())
                    .containsEntry("zoneId", "023e105f4ecef8ad9ca31a8372d0c353");
            assertThat(session.value("a").orElseThrow().reveal()).isEqualTo("value-a");
        }
    }

    /**
     * Version 3 kept a value's nonce and ciphertext, and the key check's parts, in columns of their own.
     * It is made here from today's by splitting the opaque columns back into those parts.
     */
    @Test
    void aVersionThreeStateHasItsValuesAndKeyCheckJoinedInPlace() throws Exception {
        try (StateSession session = builder().build().open()) {
            session.put(record("a"), Secret.of("value-a"));
            session.put(record("b"));
        }
        rebuildOlderVersion(3);

        try (StateSession session = builder().build().open()) {
            assertThat(session.value("a").orElseThrow().reveal()).isEqualTo("value-a");
            assertThat(session.record("b")).contains(record("b"));
            assertThat(session.value("b")).isEmpty();
        }
        assertThatThrownBy(() -> PostgresStateStore.builder()
                        .dataSource(Database.dataSource())
                        .key(StateKey.generate())
                        .tablePrefix(prefix)
                        .build()
                        .open())
                .isInstanceOf(StateException.class)
                .hasMessageContaining("is not the one the values");
        try (Connection connection = Database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet version =
                        statement.executeQuery("SELECT value FROM " + prefix + "meta WHERE name = 'schema_version'")) {
            version.next();
            assertThat(version.getString(1)).isEqualTo("4");
        }
    }

    @Test
    void aVersionThreeStateUnderAPassphraseHasItsSaltAndIterationsJoinedInPlace() throws Exception {
        StateKey passphrase = StateKey.ofPassphrase("correct horse battery staple".toCharArray());
        try (StateSession session = builder().key(passphrase).build().open()) {
            session.put(record("a"), Secret.of("value-a"));
        }
        rebuildOlderVersion(3);
        try (Connection connection = Database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet parts = statement.executeQuery(
                    "SELECT key_derivation, iterations, length(salt) FROM " + prefix + "encryption")) {
                assertThat(parts.next()).isTrue();
                assertThat(parts.getString(1)).isEqualTo("PBKDF2WithHmacSHA256");
                assertThat(parts.getInt(2)).isGreaterThanOrEqualTo(210_000);
                assertThat(parts.getInt(3)).isEqualTo(16);
            }
        }

        try (StateSession session = builder().key(passphrase).build().open()) {
            assertThat(session.value("a").orElseThrow().reveal()).isEqualTo("value-a");
        }
        assertThatThrownBy(() -> builder()
                        .key(StateKey.ofPassphrase("another one".toCharArray()))
                        .build()
                        .open())
                .isInstanceOf(StateException.class)
                .hasMessageContaining("is not the one the values");
    }

    /**
     * Turns today's tables into those of {@code version}: version 3's columns of the sealed parts, then
     * {@code statements} to take away what came after {@code version}.
     */
    private void rebuildOlderVersion(int version, String... statements) throws java.sql.SQLException {
        try (Connection connection = Database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            splitSealedColumns(statement);
            for (String sql : statements) {
                statement.execute(sql);
            }
            statement.execute("UPDATE " + prefix + "meta SET value = '" + version + "' WHERE name = 'schema_version'");
        }
    }

    /** Turns today's opaque value and key check columns back into version 3's columns of their parts. */
    private void splitSealedColumns(Statement statement) throws java.sql.SQLException {
        statement.execute("ALTER TABLE " + prefix + "tokens ADD COLUMN value_nonce bytea,"
                + " ADD COLUMN value_ciphertext bytea");
        statement.execute("UPDATE " + prefix + "tokens SET value_nonce = substring(value_sealed from 2 for 12),"
                + " value_ciphertext = substring(value_sealed from 14)");
        statement.execute("ALTER TABLE " + prefix + "tokens DROP COLUMN value_sealed, DROP COLUMN generation,"
                + " DROP COLUMN previous_revoked");
        statement.execute("ALTER TABLE " + prefix + "encryption ADD COLUMN key_derivation text,"
                + " ADD COLUMN salt bytea, ADD COLUMN iterations integer, ADD COLUMN check_nonce bytea,"
                + " ADD COLUMN check_ciphertext bytea");
        statement.execute("UPDATE " + prefix + "encryption SET key_derivation = h->>'kdf',"
                + " salt = decode(coalesce(h->>'salt', ''), 'base64'), iterations = coalesce((h->>'iterations')::int, 0),"
                + " check_nonce = decode(h->'key_check'->>'nonce', 'base64'),"
                + " check_ciphertext = decode(h->'key_check'->>'ciphertext', 'base64')"
                + " FROM (SELECT convert_from(key_check, 'UTF8')::json AS h FROM " + prefix + "encryption) AS old");
        statement.execute("ALTER TABLE " + prefix + "encryption DROP COLUMN key_check");
    }

    @Test
    void aNewerSchemaVersionIsRefusedAndLeftAlone() throws Exception {
        builder().build().open().close();
        try (Connection connection = Database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE " + prefix + "meta SET value = '7' WHERE name = 'schema_version'");
        }
        assertThatThrownBy(() -> builder().build().open())
                .isInstanceOf(StateException.class)
                .hasMessageContaining("schema version 7")
                .hasMessageContaining("knows version 4");
        try (Connection connection = Database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet version =
                        statement.executeQuery("SELECT value FROM " + prefix + "meta WHERE name = 'schema_version'")) {
            version.next();
            assertThat(version.getString(1)).isEqualTo("7");
        }
    }

    @Test
    void aDataSourceWorksAsWellAsAUrlAndItsConnectionsComeBackWithoutLocks() throws Exception {
        PostgresStateStore store = PostgresStateStore.builder()
                .dataSource(Database.dataSource())
                .key(KEY)
                .tablePrefix(prefix)
                .build();
        try (StateSession session = store.open()) {
            session.put(record("a"), Secret.of("value-a"));
        }
        try (StateSession session = store.open(Set.of("a"))) {
            assertThat(session.value("a").orElseThrow().reveal()).isEqualTo("value-a");
            assertThat(advisoryLocksOfThisState()).isPositive(); // the count sees this store's locks
        }
        assertThat(advisoryLocksOfThisState()).isZero();
    }

    /** This store's advisory locks only: live handles of other tests in this JVM may be reading their own states. */
    private int advisoryLocksOfThisState() throws Exception {
        long stateClass = Integer.toUnsignedLong(AdvisoryLocks.hash("cftokens state|public." + prefix));
        try (Connection connection = Database.dataSource().getConnection();
                java.sql.PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid::bigint = ?")) {
            select.setLong(1, stateClass);
            try (ResultSet locks = select.executeQuery()) {
                locks.next();
                return locks.getInt(1);
            }
        }
    }
}
