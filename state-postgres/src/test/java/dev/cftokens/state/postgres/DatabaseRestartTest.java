package dev.cftokens.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatedToken;
import dev.cftokens.emulator.Fault;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.provision.HandMadeProvisioner;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.state.StateException;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.StateStoreSettings;
import dev.cftokens.runtime.state.StateStores;
import dev.cftokens.runtime.state.TokenRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Instances starting while their PostgreSQL crashes and comes back ride it out and end with one token and
 * working values; a database that refuses them for good fails them at once, naming the setting.
 */
class DatabaseRestartTest {
    private static final StateKey KEY = StateKey.generate();
    private static final String DECLARATION = "restart-token";
    private static RestartableDatabase database;

    private CloudflareEmulator emulator;
    private String prefix;

    @BeforeAll
    static void startDatabase() {
        database = RestartableDatabase.start(100);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void start() {
        emulator = CloudflareEmulator.start();
        prefix = Database.freshPrefix();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Cloudflare cloudflare(String apiToken) {
        return Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .accountId(emulator.accountId())
                .apiToken(apiToken)
                .build();
    }

    /** {@code instances} threads, each with a store of its own, start together once {@code go} opens. */
    private List<Future<ProvisionedToken<HandMadeProvisioner.TestToken>>> startInstances(
            ExecutorService pool, int instances, CountDownLatch go) {
        List<Future<ProvisionedToken<HandMadeProvisioner.TestToken>>> started = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            String name = "restart-instance-" + i;
            started.add(pool.submit(() -> {
                Provisioning provisioning = Provisioning.with(cloudflare(emulator.adminToken()))
                        .stateStore(PostgresStateStore.builder()
                                .url(database.url())
                                .key(KEY)
                                .tablePrefix(prefix)
                                .applicationName(name)
                                .lockWait(Duration.ofSeconds(60))
                                .build());
                go.await();
                return provisioning.provision(HandMadeProvisioner.zoneReader(DECLARATION));
            }));
        }
        return started;
    }

    /** Every instance holds the one token's value, which authenticates; nothing is left pending. */
    private void assertOneWorkingToken(List<Future<ProvisionedToken<HandMadeProvisioner.TestToken>>> started)
            throws Exception {
        List<String> values = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Future<ProvisionedToken<HandMadeProvisioner.TestToken>> instance : started) {
            ProvisionedToken<HandMadeProvisioner.TestToken> token = instance.get(2, TimeUnit.MINUTES);
            values.add(token.value().reveal());
            ids.add(token.id());
        }
        List<EmulatedToken> tokens = emulator.tokens().stream()
                .filter(token -> token.spec().name().equals(DECLARATION))
                .toList();
        assertThat(tokens).hasSize(1);
        assertThat(ids).containsOnly(tokens.get(0).id());
        assertThat(values).containsOnly(values.get(0));
        assertThat(cloudflare(values.get(0)).tokens(TokenOwner.ACCOUNT).verify().id())
                .isEqualTo(tokens.get(0).id());
        assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isEqualTo(1);
        assertThat(emulator.requestCount(RequestKind.ROLL_TOKEN)).isZero();
        assertThat(count("SELECT count(*) FROM " + prefix + "pending_creates")).isZero();
    }

    private static int count(String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }

    @Test
    void aCrashWhileTheCreatorWaitsForCloudflareIsRiddenOutWithOneToken() throws Exception {
        // The create takes 2 s, long enough for the crash and restart to fall inside it.
        emulator.injectFault(Fault.latency(Duration.ofSeconds(2)).on(RequestKind.CREATE_TOKEN));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ProvisionedToken<HandMadeProvisioner.TestToken>>> started = startInstances(pool, 6, go);
            go.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (emulator.requestCount(RequestKind.CREATE_TOKEN) == 0) {
                assertThat(System.nanoTime())
                        .as("one instance sends its create")
                        .isLessThan(deadline);
                Thread.sleep(10);
            }
            // Every session is cut: the creator's, which holds the lock, and the waiters' polls.
            database.crashAndRestart();
            assertOneWorkingToken(started);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The database crashes while a rotation waits for its successor's create: the run rides it out, records
     * the successor with its value and the replaced generation as previous, and nothing is left pending.
     */
    @Test
    void aCrashDuringARotationLosesNothingAndTheRotationCompletes() throws Exception {
        HandMadeProvisioner rotating = new HandMadeProvisioner(
                HandMadeProvisioner.zoneReader(DECLARATION)
                        .declaration()
                        .withRotation(RotationPolicy.parse("P30D", "P2D")),
                java.util.Map.of());
        PostgresStateStore store = PostgresStateStore.builder()
                .url(database.url())
                .key(KEY)
                .tablePrefix(prefix)
                .lockWait(Duration.ofSeconds(60))
                .build();
        Provisioning ci = Provisioning.with(cloudflare(emulator.adminToken()))
                .stateStore(store)
                .clock(emulator.clock())
                .output(ProvisioningOutput.silent());
        ci.apply(rotating);
        String first;
        try (StateSession state = store.openForReading(Set.of(DECLARATION))) {
            first = state.record(DECLARATION).orElseThrow().tokenId();
        }
        emulator.advanceClock(Duration.ofDays(30).plusMinutes(1));
        emulator.resetRequestCounts();
        emulator.injectFault(Fault.latency(Duration.ofSeconds(2)).on(RequestKind.CREATE_TOKEN));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> rotation = pool.submit(() -> ci.apply(rotating));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (emulator.requestCount(RequestKind.CREATE_TOKEN) == 0) {
                assertThat(System.nanoTime())
                        .as("the rotation sends its create")
                        .isLessThan(deadline);
                Thread.sleep(10);
            }
            database.crashAndRestart();
            rotation.get(2, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }

        assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isEqualTo(1);
        assertThat(emulator.requestCount(RequestKind.ROLL_TOKEN)).isZero();
        try (StateSession state = store.openForReading(Set.of(DECLARATION))) {
            TokenRecord record = state.record(DECLARATION).orElseThrow();
            assertThat(record.tokenId()).isNotEqualTo(first);
            assertThat(record.generation()).isEqualTo(2);
            assertThat(record.previous().tokenId()).isEqualTo(first);
            Secret value = state.value(DECLARATION).orElseThrow();
            assertThat(cloudflare(value.reveal())
                            .tokens(TokenOwner.ACCOUNT)
                            .verify()
                            .id())
                    .isEqualTo(record.tokenId());
        }
        assertThat(emulator.tokens()).extracting(EmulatedToken::id).containsExactlyInAnyOrder(first, recordedId(store));
        assertThat(count("SELECT count(*) FROM " + prefix + "pending_creates")).isZero();
    }

    private static String recordedId(PostgresStateStore store) {
        try (StateSession state = store.openForReading(Set.of(DECLARATION))) {
            return state.record(DECLARATION).orElseThrow().tokenId();
        }
    }

    @Test
    void instancesStartingWhileTheDatabaseIsDownWaitForItAndShareOneToken() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            database.crash();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ProvisionedToken<HandMadeProvisioner.TestToken>>> started = startInstances(pool, 4, go);
            go.countDown();
            Thread.sleep(1500); // refused connections meanwhile, as during a failover
            assertThat(started).noneMatch(Future::isDone);
            database.startAgain();
            assertOneWorkingToken(started);
        } finally {
            pool.shutdownNow();
        }
    }

    private static StateStore store(String url) {
        return StateStores.create(StateStoreSettings.of(url, StateStores.STATE_VARIABLE)
                .withKey(KEY)
                .withLockWait(Duration.ofSeconds(60)));
    }

    @Test
    void aWrongPasswordFailsAtOnceNamingTheSettingAndNotThePassword() {
        database.execute(
                "DROP ROLE IF EXISTS app",
                "SET password_encryption = 'md5'",
                "CREATE ROLE app LOGIN PASSWORD 'the-right-one'");
        database.requirePassword("app");
        StateStore store = store(
                "jdbc:postgresql://127.0.0.1:" + database.port() + "/postgres?user=app&password=wrong-horse-battery");
        long started = System.nanoTime();
        assertThatThrownBy(store::open)
                .isInstanceOf(StateException.class)
                .hasMessageContaining("28P01")
                .hasMessageContaining("check the user and password (in CFTOKENS_STATE")
                .hasMessageNotContaining("wrong-horse-battery")
                .hasMessageNotContaining("the-right-one");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aMissingDatabaseFailsAtOnceNamingTheSetting() {
        StateStore store = store("jdbc:postgresql://127.0.0.1:" + database.port() + "/no_such_db?user=postgres");
        long started = System.nanoTime();
        assertThatThrownBy(store::open)
                .isInstanceOf(StateException.class)
                .hasMessageContaining("3D000")
                .hasMessageContaining("no_such_db")
                .hasMessageContaining("the database named in CFTOKENS_STATE does not exist");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aUserWithoutCreateOnTheSchemaFailsAtOnceNamingTheGrants() {
        database.execute(
                "DROP ROLE IF EXISTS reader", "CREATE ROLE reader LOGIN", "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        StateStore store = store("jdbc:postgresql://127.0.0.1:" + database.port() + "/postgres?user=reader");
        long started = System.nanoTime();
        assertThatThrownBy(store::open)
                .isInstanceOf(StateException.class)
                .hasMessageContaining("42501")
                .hasMessageContaining("grant it");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
}
