package dev.cftokens.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatedToken;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.provision.HandMadeProvisioner;
import dev.cftokens.runtime.state.StateKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
            List<EmulatedToken> tokens = emulator.tokens().stream()
                    .filter(token -> token.spec().name().equals(DECLARATION))
                    .toList();
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

    /** {@code instances} threads with stores of their own start together: each one's value or failure. */
    private List<Object> startTogether(String url, int instances) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ProvisionedToken<HandMadeProvisioner.TestToken>>> started = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                started.add(pool.submit(() -> {
                    Provisioning provisioning = Provisioning.with(cloudflare(emulator.adminToken()))
                            .stateStore(PostgresStateStore.builder()
                                    .url(url)
                                    .key(KEY)
                                    .tablePrefix(prefix)
                                    .lockWait(Duration.ofSeconds(30))
                                    .build());
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
