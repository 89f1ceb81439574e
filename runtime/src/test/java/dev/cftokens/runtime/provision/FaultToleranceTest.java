package dev.cftokens.runtime.provision;

import static dev.cftokens.runtime.provision.EmulatedCloudflare.assertOneTokenPerDeclaration;
import static dev.cftokens.runtime.provision.EmulatedCloudflare.verifyValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatorOptions;
import dev.cftokens.emulator.Fault;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.state.FileStateStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Apply under the emulator's fault modes, for every kind of write: whatever is lost or refused, the
 * end state has exactly one token per declaration, the state matches the API, and every value works.
 */
class FaultToleranceTest {
    private static final RequestKind[] WRITES = {
        RequestKind.CREATE_TOKEN, RequestKind.UPDATE_TOKEN, RequestKind.DELETE_TOKEN, RequestKind.ROLL_TOKEN
    };

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"commit-then-drop", "server-errors", "rate-limit-burst"})
    void applyUnderFaultsEndsWithOneWorkingTokenPerDeclaration(String mode) throws IOException {
        Fault fault;
        switch (mode) {
            case "commit-then-drop":
                fault = Fault.commitThenDrop(0.3).on(WRITES);
                break;
            case "server-errors":
                fault = Fault.serverErrors(0.3).on(WRITES);
                break;
            default:
                // 429s do nothing and say so: the client waits and repeats, even a create.
                fault = Fault.rateLimitBurst(6).on(WRITES);
                break;
        }
        try (CloudflareEmulator emulator = CloudflareEmulator.start(
                EmulatorOptions.builder().seed(42).fault(fault).build())) {
            Cloudflare cloudflare = EmulatedCloudflare.client(emulator);
            FileStateStore store = FileStateStore.builder()
                    .path(dir.resolve("state.json"))
                    .passphrase("fault test".toCharArray())
                    .build();
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Provisioning provisioning = Provisioning.with(cloudflare)
                    .stateStore(store)
                    .output(new PrintStream(printed, true, StandardCharsets.UTF_8));

            // Creates, under faults; a failed run is simply run again, as a CI job would be.
            List<HandMadeProvisioner> declared = IntStream.range(0, 30)
                    .mapToObj(i -> HandMadeProvisioner.zoneReader("token-" + i))
                    .collect(Collectors.toList());
            applyUntilDone(provisioning, declared);
            assertOneTokenPerDeclaration(emulator, store, declared);

            // Updates of ten declarations and deletes of five, under the same faults.
            List<HandMadeProvisioner> changed = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                changed.add(
                        i < 10
                                ? new HandMadeProvisioner(
                                        HandMadeProvisioner.declaration(
                                                "token-" + i,
                                                "token-" + i,
                                                TokenOwner.ACCOUNT,
                                                List.of(
                                                        HandMadeProvisioner.ZONE_READ,
                                                        HandMadeProvisioner.ANALYTICS_READ),
                                                RequestIpCondition.NONE,
                                                null),
                                        Map.of())
                                : declared.get(i));
            }
            applyUntilDone(provisioning, changed);
            assertOneTokenPerDeclaration(emulator, store, changed);

            // Every value is usable: stored ones as they are, the others rolled (the roll faulted as well).
            List<String> values = new ArrayList<>();
            for (HandMadeProvisioner provisioner : changed) {
                ProvisionedToken<HandMadeProvisioner.TestToken> token = provisionUntilDone(provisioning, provisioner);
                assertThat(verifyValue(emulator, token.value()).id()).isEqualTo(token.id());
                values.add(token.value().reveal());
            }
            // No value ever reached the output or the state file in clear.
            String stateText = Files.readString(dir.resolve("state.json"));
            for (String value : values) {
                assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain(value);
                assertThat(stateText).doesNotContain(value);
            }
            assertOneTokenPerDeclaration(emulator, store, changed);
            assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isGreaterThanOrEqualTo(30);
            String output = printed.toString(StandardCharsets.UTF_8);
            // The faults did hit creates, and were recovered by looking before writing again.
            if (mode.equals("rate-limit-burst")) {
                // The first six creates were refused with 429 and repeated.
                assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isGreaterThanOrEqualTo(36);
            } else {
                assertThat(output).contains("the answer to its create was lost");
            }
            if (mode.equals("commit-then-drop")) {
                assertThat(output).contains("which the lost create had made");
            }
        }
    }

    private static void applyUntilDone(Provisioning provisioning, List<HandMadeProvisioner> declared) {
        ProvisioningException last = null;
        for (int run = 0; run < 5; run++) {
            try {
                provisioning.apply(declared);
                return;
            } catch (ProvisioningException e) {
                last = e;
            } catch (dev.cftokens.runtime.CloudflareException e) {
                // A listing that failed past the client's retries: the run wrote nothing more; run again.
                last = new ProvisioningException(e.getMessage(), e);
            }
        }
        throw last;
    }

    private static ProvisionedToken<HandMadeProvisioner.TestToken> provisionUntilDone(
            Provisioning provisioning, HandMadeProvisioner provisioner) {
        RuntimeException last = null;
        for (int run = 0; run < 5; run++) {
            try {
                return provisioning.provision(provisioner);
            } catch (ProvisioningException | dev.cftokens.runtime.CloudflareException e) {
                last = e;
            }
        }
        throw last;
    }
}
