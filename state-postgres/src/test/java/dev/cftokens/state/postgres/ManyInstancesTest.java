package dev.cftokens.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatedToken;
import dev.cftokens.emulator.Fault;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.provision.HandMadeProvisioner;
import dev.cftokens.runtime.state.StateKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many instances of one service, sharing one PostgreSQL state, end with one token whose value all hold. */
class ManyInstancesTest {
    private static final StateKey KEY = StateKey.generate();

    @TempDir
    Path dir;

    private CloudflareEmulator emulator;
    private String prefix;

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

    private List<EmulatedToken> fleetTokens() {
        return emulator.tokens().stream()
                .filter(token -> token.spec().name().equals(InstanceMain.DECLARATION))
                .collect(Collectors.toList());
    }

    private boolean authenticates(String value) {
        return cloudflare(value).tokens(TokenOwner.ACCOUNT).verify().id() != null;
    }

    @Test
    void twentyThreadsWithTheirOwnConnectionsEndWithOneTokenThatAllHold() throws Exception {
        int instances = 20;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ProvisionedToken<HandMadeProvisioner.TestToken>>> started = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                started.add(pool.submit(() -> {
                    Provisioning provisioning = Provisioning.with(cloudflare(emulator.adminToken()))
                            .stateStore(PostgresStateStore.builder()
                                    .url(Database.url())
                                    .key(KEY)
                                    .tablePrefix(prefix)
                                    .build());
                    go.await();
                    return provisioning.provision(HandMadeProvisioner.zoneReader(InstanceMain.DECLARATION));
                }));
            }
            go.countDown();
            List<String> values = new ArrayList<>();
            for (Future<ProvisionedToken<HandMadeProvisioner.TestToken>> instance : started) {
                values.add(instance.get(2, TimeUnit.MINUTES).value().reveal());
            }
            assertThat(fleetTokens()).hasSize(1);
            assertThat(values).containsOnly(values.get(0));
            // The creator lists, reads the permission groups and creates; every other instance at most two reads.
            assertThat(emulator.requestCount()).isLessThanOrEqualTo(3 + 2 * (instances - 1));
            assertThat(emulator.requestCount("POST") + emulator.requestCount("PUT") + emulator.requestCount("DELETE"))
                    .isEqualTo(1);
            assertThat(authenticates(values.get(0))).isTrue();
            assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isEqualTo(1);
            assertThat(emulator.requestCount(RequestKind.ROLL_TOKEN)).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fourJvmsStartedTogetherThenFourOneAfterAnotherShareOneToken() throws Exception {
        List<Process> together = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            together.add(instance());
        }
        List<String> outputs = new ArrayList<>();
        for (Process process : together) {
            outputs.add(finish(process));
        }
        for (int i = 0; i < 4; i++) {
            outputs.add(finish(instance()));
        }
        String tokenId = fleetTokens().get(0).id();
        assertThat(fleetTokens()).hasSize(1);
        assertThat(outputs).allSatisfy(output -> assertThat(output).startsWith("ready " + tokenId + " verified"));
        assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isEqualTo(1);
        assertThat(emulator.requestCount(RequestKind.ROLL_TOKEN)).isZero();
    }

    @Test
    void anInstanceKilledInTheMiddleOfItsCreateIsCompletedByTheNextWithOneToken() throws Exception {
        emulator.injectFault(Fault.latency(Duration.ofSeconds(3)).on(RequestKind.CREATE_TOKEN));
        Process holder = instance();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // Killed once its create is noted in the state and on its way: the emulator holds the request for 3 s.
        while (pendingCreates() == 0 || emulator.requestCount(RequestKind.CREATE_TOKEN) == 0) {
            assertThat(System.nanoTime())
                    .as("the holder notes and sends its create")
                    .isLessThan(deadline);
            assertThat(holder.isAlive()).as("the holder is still running").isTrue();
            Thread.sleep(20);
        }
        holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no clean-up
        // The killed instance's create still commits on Cloudflare's side after the latency.
        while (fleetTokens().isEmpty()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        emulator.clearFaults();
        String output = finish(instance());
        assertThat(fleetTokens()).hasSize(1);
        assertThat(output).startsWith("ready " + fleetTokens().get(0).id() + " verified");
        assertThat(pendingCreates()).isZero();
    }

    private String schema() {
        return "fleet_" + prefix;
    }

    @Test
    void withSeparateFileStatesARollingDeployFailsLoudlyInsteadOfRolling() throws Exception {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        String created = finish(instance(first, null));
        Process later = instance(second, null);
        String output;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(later.getInputStream(), StandardCharsets.UTF_8))) {
            output = reader.lines().collect(Collectors.joining("\n"));
        }
        assertThat(later.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(later.exitValue()).as(output).isEqualTo(1);
        assertThat(output)
                .contains("failed fleet-token")
                .contains("CFTOKENS_STATE")
                .contains("rollAdopted(true)");
        assertThat(fleetTokens()).hasSize(1);
        assertThat(emulator.requestCount(RequestKind.ROLL_TOKEN)).isZero();
        assertThat(created).startsWith("ready " + fleetTokens().get(0).id());
    }

    private int pendingCreates() throws Exception {
        try (Connection connection = Database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet count =
                        statement.executeQuery("SELECT count(*) FROM " + schema() + ".cftokens_pending_creates")) {
            count.next();
            return count.getInt(1);
        } catch (java.sql.SQLException e) {
            return 0; // the tables are not created yet
        }
    }

    private Process instance() throws IOException {
        return instance(dir, Database.url() + "&currentSchema=" + schema());
    }

    /** An instance in {@code workingDirectory}, with {@code state} as CFTOKENS_STATE (null: its default file). */
    private Process instance(Path workingDirectory, String state) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        InstanceMain.class.getName())
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("CLOUDFLARE_BASE_URL", emulator.baseUrl());
        environment.put("CLOUDFLARE_API_TOKEN", emulator.adminToken());
        environment.put("CLOUDFLARE_ACCOUNT_ID", emulator.accountId());
        // Each test's instances share a schema of their own, named the standard PgJDBC way.
        if (state == null) {
            environment.remove("CFTOKENS_STATE");
        } else {
            environment.put("CFTOKENS_STATE", state);
        }
        environment.put("CFTOKENS_KEY", KEY.toBase64());
        environment.remove("CFTOKENS_PASSPHRASE");
        return builder.start();
    }

    private static String finish(Process process) throws Exception {
        String output;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            output = reader.lines().collect(Collectors.joining("\n"));
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String last = output.lines().reduce((first, second) -> second).orElse("");
        assertThat(process.exitValue()).as(output).isZero();
        return last;
    }
}
