package dev.cftokens.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.Token;
import dev.cftokens.runtime.state.InMemoryStateStore;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a declaration with {@code @Rotation} changes about its tokens before any rotation runs. */
class RotatingTokenTest {
    private final CloudflareEmulator emulator = CloudflareEmulator.start();
    private final Cloudflare cloudflare = EmulatedCloudflare.client(emulator);

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static HandMadeProvisioner rotating(String id, RotationPolicy policy) {
        return new HandMadeProvisioner(
                HandMadeProvisioner.zoneReader(id).declaration().withRotation(policy), Map.of());
    }

    @Test
    void eachGenerationExpiresByItselfAtMostTwoPeriodsAndAnOverlapAfterItsIssueAndIsNotDriftForIt() {
        RotationPolicy policy = RotationPolicy.parse("P30D", "P2D");
        HandMadeProvisioner rotating = rotating("rotating-token", policy);
        InMemoryStateStore store = InMemoryStateStore.withValues();
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        ProvisionedToken<HandMadeProvisioner.TestToken> token =
                Provisioning.with(cloudflare).stateStore(store).provision(rotating);

        Token created = cloudflare.accountTokens().get(token.id());
        Instant latest = Instant.now().plus(policy.maxLifetime());
        assertThat(created.spec().expiresOn()).isNotNull().isBetween(before.plus(policy.maxLifetime()), latest);
        assertThat(created.spec().expiresOn().getNano()).isZero();

        // The generation's own expiry is no difference from the declaration: no update, no replace, no roll.
        emulator.resetRequestCounts();
        Plan plan = Provisioning.with(cloudflare).stateStore(store).plan(rotating);
        assertThat(plan.changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.UNCHANGED);
        ApplyResult again = Provisioning.with(cloudflare).stateStore(store).apply(rotating);
        assertThat(again.plan().hasChanges()).isFalse();
        assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isZero();
        assertThat(emulator.requestCount(RequestKind.UPDATE_TOKEN)).isZero();
        assertThat(emulator.requestCount(RequestKind.ROLL_TOKEN)).isZero();
    }

    @Test
    void anUnrecordedGenerationWithItsOwnExpiryIsAdoptedByAFreshState() {
        HandMadeProvisioner rotating = rotating("rotating-token", RotationPolicy.parse("PT1H", "PT10M"));
        String first = Provisioning.with(cloudflare)
                .stateStore(InMemoryStateStore.withValues())
                .apply(rotating)
                .change("rotating-token")
                .orElseThrow()
                .tokenId();

        ApplyResult fresh = Provisioning.with(cloudflare)
                .stateStore(InMemoryStateStore.withValues())
                .apply(rotating);

        assertThat(fresh.plan().changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.ADOPT);
        assertThat(fresh.change("rotating-token").orElseThrow().tokenId()).isEqualTo(first);
    }
}
