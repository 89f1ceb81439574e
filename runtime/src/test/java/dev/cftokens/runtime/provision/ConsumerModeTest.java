package dev.cftokens.runtime.provision;

import static dev.cftokens.runtime.provision.EmulatedCloudflare.verifyValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.Declarations;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.state.InMemoryStateStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A service without the minting credential, served from the state that CI applied. */
class ConsumerModeTest {
    private static final String ID = "service-token";

    private final CloudflareEmulator emulator = CloudflareEmulator.start();
    /** CI: holds the minting credential. */
    private final Cloudflare minting = EmulatedCloudflare.client(emulator);
    /** The service: only the account id, as with CLOUDFLARE_ACCOUNT_ID and no CLOUDFLARE_API_TOKEN. */
    private final Cloudflare service = Cloudflare.builder()
            .baseUrl(emulator.baseUrl())
            .accountId(emulator.accountId())
            .build();

    private final InMemoryStateStore shared = InMemoryStateStore.withValues();
    private final HandMadeProvisioner declaration = new HandMadeProvisioner(
            HandMadeProvisioner.zoneReader(ID).declaration().withRotation(RotationPolicy.parse("P30D", "P2D")),
            Map.of());

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Provisioning ci() {
        return Provisioning.with(minting).stateStore(shared).output(ProvisioningOutput.silent());
    }

    private Provisioning consumer(StringBuilder output) {
        return Provisioning.with(service)
                .stateStore(shared)
                .refreshInterval(Duration.ofMillis(100))
                .output(line -> output.append(line).append('\n'));
    }

    @Test
    void aServiceWithoutTheMintingCredentialGetsTheTokenCiAppliedConfirmedByItsOwnValueOnly() {
        String applied = ci().apply(declaration).change(ID).orElseThrow().tokenId();
        emulator.resetRequestCounts();
        StringBuilder output = new StringBuilder();

        Provisioning consumer = consumer(output);
        ProvisionedToken<HandMadeProvisioner.TestToken> token = consumer.provision(declaration);

        assertThat(consumer.mode()).isEqualTo(ProvisioningMode.CONSUME);
        assertThat(token.id()).isEqualTo(applied);
        assertThat(verifyValue(emulator, token.value()).id()).isEqualTo(applied);
        assertThat(output.toString()).startsWith("Mode: consume (no minting credential)");
        // The verify of its own value (and the check above); no listing, no write.
        assertThat(emulator.requestCount(RequestKind.LIST_TOKENS)).isZero();
        assertThat(EmulatedCloudflare.writes(emulator)).isZero();
    }

    @Test
    void aConsumerFollowsARotationForcedWhereTheCredentialIsWithoutARestart() throws Exception {
        ci().apply(declaration);
        ProvisionedToken<HandMadeProvisioner.TestToken> token =
                consumer(new StringBuilder()).provision(declaration);
        String first = token.id();

        ci().rotate(
                        () -> new Declarations.Found(List.of(declaration), List.of(), Map.of()),
                        new RotationRequest(Set.of(ID), false));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (token.id().equals(first) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(token.id()).isNotEqualTo(first);
        assertThat(verifyValue(emulator, token.value()).id()).isEqualTo(token.id());
        // The consumer never rotates: exactly the one successor CI made.
        assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isEqualTo(2);
    }

    @Test
    void aChangedDeclarationFailsNamingItAndWhatToRunAndChangesNothing() {
        ci().apply(declaration);
        HandMadeProvisioner changed = new HandMadeProvisioner(
                HandMadeProvisioner.declaration(
                        ID,
                        "renamed",
                        TokenOwner.ACCOUNT,
                        List.of(HandMadeProvisioner.ZONE_READ),
                        RequestIpCondition.NONE,
                        null),
                Map.of());
        emulator.resetRequestCounts();

        assertThatThrownBy(() -> consumer(new StringBuilder()).provision(changed))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining(ID + ": the declaration changed since it was applied")
                .hasMessageContaining("name \"" + ID + "\" -> \"renamed\"")
                .hasMessageContaining("cftokens-cli apply")
                .hasMessageContaining("Nothing was changed");
        assertThat(emulator.requestCount()).isZero();
    }

    @Test
    void aDeclarationNotAppliedOrATokenDeletedOutsideIsRefusedNeverCreated() {
        assertThatThrownBy(() -> consumer(new StringBuilder()).provision(declaration))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("not applied yet");

        String applied = ci().apply(declaration).change(ID).orElseThrow().tokenId();
        String value;
        try (var state = shared.openForReading(Set.of(ID))) {
            value = state.value(ID).orElseThrow().reveal();
        }
        minting.accountTokens().delete(applied);
        emulator.resetRequestCounts();
        StringBuilder output = new StringBuilder();
        assertThatThrownBy(() -> consumer(output).provision(declaration))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("its recorded token " + applied + " does not authenticate")
                .hasMessageNotContaining(value);
        assertThat(output.toString()).doesNotContain(value);
        assertThat(EmulatedCloudflare.writes(emulator)).isZero();
    }

    @Test
    void writingRunsAreRefusedInConsumeModeBeforeAnyRequest() {
        assertThatThrownBy(() -> consumer(new StringBuilder()).apply(declaration))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("apply needs the minting credential")
                .hasMessageContaining("no CLOUDFLARE_API_TOKEN set");
        assertThat(emulator.requestCount()).isZero();
    }

    @Test
    void aCredentialWithoutTokenPermissionsServesAsNoneUnlessProvisioningWasAskedFor() {
        String applied = ci().apply(declaration).change(ID).orElseThrow().tokenId();
        // A credential for something else: it may read zones, not tokens.
        DesiredToken zoneReader =
                DesiredToken.resolve(HandMadeProvisioner.zoneReader("other-credential"), emulator::accountId);
        Cloudflare otherCredential = minting.authenticatedAs(
                minting.accountTokens().create(zoneReader.spec()).value());
        StringBuilder output = new StringBuilder();

        ProvisionedToken<HandMadeProvisioner.TestToken> token = Provisioning.with(otherCredential)
                .stateStore(shared)
                .output(line -> output.append(line).append('\n'))
                .provision(declaration);

        assertThat(token.id()).isEqualTo(applied);
        assertThat(output.toString())
                .contains("The credential may not list tokens")
                .contains("Mode: consume");
        assertThatThrownBy(() -> Provisioning.with(otherCredential)
                        .stateStore(shared)
                        .mode(ProvisioningMode.PROVISION)
                        .output(ProvisioningOutput.silent())
                        .provision(declaration))
                .isInstanceOf(dev.cftokens.runtime.CloudflareApiException.class)
                .hasMessageContaining("403");
    }
}
