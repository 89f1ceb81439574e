package dev.cftokens.runtime.provision;

import static dev.cftokens.runtime.provision.EmulatedCloudflare.assertOneTokenPerDeclaration;
import static dev.cftokens.runtime.provision.EmulatedCloudflare.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatorOptions;
import dev.cftokens.emulator.Fault;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.state.FileStateStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed in the middle of apply leaves a state that the next apply completes without duplicates. */
class KilledApplyTest {
    private static final int COUNT = 120;

    @TempDir
    Path dir;

    static List<HandMadeProvisioner> declarations(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> HandMadeProvisioner.zoneReader(String.format("killed-%03d", i)))
                .collect(Collectors.toList());
    }

    /** An emulator whose creates are slow, so a kill lands while some are in flight: committed, unanswered. */
    private static CloudflareEmulator slowCreates() {
        return CloudflareEmulator.start(EmulatorOptions.builder()
                .fault(Fault.latency(Duration.ofMillis(60)).on(RequestKind.CREATE_TOKEN))
                .threads(8)
                .build());
    }

    /**
     * Runs apply of {@link #COUNT} declarations in a child JVM and kills it once a third of the tokens exist;
     * returns its state file once the creates it left in flight have finished on the server.
     */
    private Path killApplyMidway(CloudflareEmulator emulator) throws Exception {
        Path state = dir.resolve("state.json");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ApplyChild.class.getName(),
                        state.toString(),
                        String.valueOf(COUNT))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("CLOUDFLARE_BASE_URL", emulator.baseUrl());
        environment.put("CLOUDFLARE_ACCOUNT_ID", emulator.accountId());
        environment.put("CLOUDFLARE_API_TOKEN", emulator.adminToken());
        environment.remove("CLOUDFLARE_API_KEY");
        environment.remove("CLOUDFLARE_EMAIL");
        environment.remove("CFTOKENS_PASSPHRASE");
        Process child = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (tokens(emulator).size() < COUNT / 3) {
                assertThat(child.isAlive())
                        .as(
                                "child finished or died early: %s",
                                Files.exists(dir.resolve("child.log"))
                                        ? Files.readString(dir.resolve("child.log"))
                                        : "")
                        .isTrue();
                assertThat(System.nanoTime()).as("child made no progress").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        // Let creates the dead process left in flight finish on the server side.
        Thread.sleep(300);
        return state;
    }

    @Test
    void applyKilledMidwayIsCompletedByTheNextWithoutDuplicates() throws Exception {
        try (CloudflareEmulator emulator = slowCreates()) {
            Path state = killApplyMidway(emulator);
            int createdBeforeKill = tokens(emulator).size();
            assertThat(createdBeforeKill).isLessThan(COUNT);
            FileStateStore store =
                    FileStateStore.builder().path(state).passphrase(null).build();
            int recordedBeforeKill;
            try (var session = store.open()) {
                recordedBeforeKill = session.records().size();
                // Every create the dead run sent without recording its token left a pending entry, which is
                // what lets the next run adopt that token rather than leave it and create another.
                assertThat(session.pendingCreates().size())
                        .isGreaterThanOrEqualTo(createdBeforeKill - recordedBeforeKill);
            }
            assertThat(recordedBeforeKill).isLessThanOrEqualTo(createdBeforeKill);
            long createsBefore = emulator.requestCount(RequestKind.CREATE_TOKEN);

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Provisioning.with(EmulatedCloudflare.client(emulator))
                    .stateStore(store)
                    .output(new PrintStream(printed, true, StandardCharsets.UTF_8))
                    .apply(declarations(COUNT));

            List<HandMadeProvisioner> declared = declarations(COUNT);
            assertOneTokenPerDeclaration(emulator, store, declared);
            String output = printed.toString(StandardCharsets.UTF_8);
            // Everything the killed run created is reused: recorded, or adopted if it died before recording.
            assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN) - createsBefore)
                    .isEqualTo(COUNT - createdBeforeKill);
            if (createdBeforeKill > recordedBeforeKill) {
                assertThat(output).contains((createdBeforeKill - recordedBeforeKill) + " to adopt");
            }
            assertThat(output).contains("Apply complete");
            assertThat(tokens(emulator)).hasSize(COUNT);
        }
    }

    @Test
    void declarationsRemovedAfterAKilledApplyLeaveNoTokenRecordedOrNot() throws Exception {
        try (CloudflareEmulator emulator = slowCreates()) {
            Path state = killApplyMidway(emulator);
            FileStateStore store =
                    FileStateStore.builder().path(state).passphrase(null).build();
            int unrecorded;
            try (var session = store.open()) {
                unrecorded = tokens(emulator).size() - session.records().size();
            }

            // The application now declares only the first ten, and adopts no token it has no trace of.
            List<HandMadeProvisioner> kept = declarations(10);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Provisioning.with(EmulatedCloudflare.client(emulator))
                    .stateStore(store)
                    .adoptUnrecorded(false)
                    .output(new PrintStream(printed, true, StandardCharsets.UTF_8))
                    .apply(kept);

            assertOneTokenPerDeclaration(emulator, store, kept);
            try (var session = store.open()) {
                assertThat(session.pendingCreates()).isEmpty();
            }
            if (unrecorded > 0) {
                assertThat(printed.toString(StandardCharsets.UTF_8)).contains("~unrecorded-");
            }
        }
    }
}
