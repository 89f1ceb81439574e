package dev.cftokens.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatedToken;
import dev.cftokens.emulator.Fault;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.provision.HandMadeProvisioner;
import dev.cftokens.runtime.state.StateException;
import dev.cftokens.runtime.state.StateKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store through a real PgBouncer: at home in session mode, refused in transaction mode. */
class PgBouncerTest {
    private static final StateKey KEY = StateKey.generate();
    private static final String DECLARATION = "pgbouncer-token";

    private Path binary;
    private CloudflareEmulator emulator;
    private String prefix;

    @BeforeEach
    void start() {
        binary = PgBouncer.binary().orElse(null);
        assumeTrue(
                binary != null,
                "no pgbouncer binary on the PATH or in /usr/sbin: install it (apt-get install pgbouncer) to run"
                        + " the store through a real PgBouncer");
        emulator = CloudflareEmulator.start();
        prefix = Database.freshPrefix();
    }

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void inSessionModeEightInstancesOnFourServerConnectionsEndWithOneWorkingToken() throws Exception {
        try (PgBouncer bouncer = PgBouncer.start(binary, Database.server().getPort(), "session", 4)) {
            List<Object> outcomes = startTogether(bouncer.url(), 8);
            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(ProvisionedToken.class));
            List<EmulatedToken> tokens = fleetTokens();
            assertThat(tokens).hasSize(1);
            List<String> values = outcomes.stream()
                    .map(outcome -> ((ProvisionedToken<?>) outcome).value().reveal())
                    .toList();
            assertThat(values).containsOnly(values.get(0));
            assertThat(cloudflare(values.get(0))
                            .tokens(TokenOwner.ACCOUNT)
                            .verify()
                            .id())
                    .isEqualTo(tokens.get(0).id());
            assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isEqualTo(1);
            assertThat(emulator.requestCount(RequestKind.ROLL_TOKEN)).isZero();
        }
    }

    @Test
    void inTransactionModeAnInstanceHandedTheHoldersSessionIsRefusedAndWritesNothing() throws Exception {
        // One server connection: every client's transactions go to the session the first instance locked on.
        try (PgBouncer bouncer = PgBouncer.start(binary, Database.server().getPort(), "transaction", 1)) {
            // As users of transaction pooling must: PgJDBC's named server statements do not survive it.
            String url = bouncer.url() + "&prepareThreshold=0";
            emulator.injectFault(Fault.latency(Duration.ofSeconds(5)).on(RequestKind.CREATE_TOKEN));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<ProvisionedToken<HandMadeProvisioner.TestToken>> holder =
                        pool.submit(() -> provisioning(url).provision(HandMadeProvisioner.zoneReader(DECLARATION)));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (count("pending_creates") == 0) {
                    assertThat(System.nanoTime())
                            .as("the holder notes its create")
                            .isLessThan(deadline);
                    Thread.sleep(20);
                }
                // In turn while the holder's create is in flight: an instance that reads first, a run that locks
                // the declaration to change it, and the reader again, which finds the holder's row still there.
                List<ThrowingCallable> intruders = List.of(
                        () -> provisioning(url).provision(HandMadeProvisioner.zoneReader(DECLARATION)),
                        () -> store(url).open(Set.of(DECLARATION)).close(),
                        () -> provisioning(url).provision(HandMadeProvisioner.zoneReader(DECLARATION)));
                for (ThrowingCallable intruder : intruders) {
                    assertThatThrownBy(intruder)
                            .isInstanceOf(StateException.class)
                            .hasMessageContaining("pool_mode = transaction")
                            .hasMessageContaining("pool_mode = session")
                            .hasMessageContaining("Nothing was written");
                    assertThat(count("locks")).as("the holder's row").isEqualTo(1);
                    assertThat(count("pending_creates")).isEqualTo(1);
                    assertThat(count("tokens")).isZero();
                }
                ProvisionedToken<HandMadeProvisioner.TestToken> held = holder.get(1, TimeUnit.MINUTES);
                assertThat(fleetTokens()).hasSize(1);
                assertThat(cloudflare(held.value().reveal())
                                .tokens(TokenOwner.ACCOUNT)
                                .verify()
                                .id())
                        .isEqualTo(held.id());
                assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private Provisioning provisioning(String url) {
        return Provisioning.with(cloudflare(emulator.adminToken())).stateStore(store(url));
    }

    private PostgresStateStore store(String url) {
        return PostgresStateStore.builder()
                .url(url)
                .key(KEY)
                .tablePrefix(prefix)
                .lockWait(Duration.ofSeconds(30))
                .build();
    }

    private List<EmulatedToken> fleetTokens() {
        return emulator.tokens().stream()
                .filter(token -> token.spec().name().equals(DECLARATION))
                .toList();
    }

    /** The rows of one of this test's tables, read directly from PostgreSQL, not through PgBouncer. */
    private int count(String table) throws SQLException {
        try (Connection connection = Database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM " + prefix + table)) {
            count.next();
            return count.getInt(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // not created yet
            }
            throw e;
        }
    }

    /** {@code instances} threads with stores of their own start together: each one's value or failure. */
    private List<Object> startTogether(String url, int instances) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ProvisionedToken<HandMadeProvisioner.TestToken>>> started = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                started.add(pool.submit(() -> {
                    Provisioning provisioning = provisioning(url);
                    go.await();
                    return provisioning.provision(HandMadeProvisioner.zoneReader(DECLARATION));
                }));
            }
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<ProvisionedToken<HandMadeProvisioner.TestToken>> instance : started) {
                try {
                    outcomes.add(instance.get(2, TimeUnit.MINUTES));
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private Cloudflare cloudflare(String apiToken) {
        return Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .accountId(emulator.accountId())
                .apiToken(apiToken)
                .build();
    }
}
