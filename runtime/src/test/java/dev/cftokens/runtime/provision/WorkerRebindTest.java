package dev.cftokens.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.Declarations;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.state.InMemoryStateStore;
import dev.cftokens.runtime.workers.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Worker secrets that follow a rotating token, counted in Worker secret PUTs the emulator received. */
class WorkerRebindTest {
    private static final String ID = "rotating-token";
    private static final String SCRIPT = "addEventListener('fetch', e => e.respondWith(new Response('ok')))";

    private final CloudflareEmulator emulator = CloudflareEmulator.start();
    private final Cloudflare cloudflare = EmulatedCloudflare.client(emulator);
    private final InMemoryStateStore store = InMemoryStateStore.withValues();
    private final HandMadeProvisioner rotating = new HandMadeProvisioner(
            HandMadeProvisioner.zoneReader(ID).declaration().withRotation(RotationPolicy.parse("P30D", "P2D")),
            Map.of());

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Provisioning provisioning() {
        return Provisioning.with(cloudflare)
                .stateStore(store)
                .clock(emulator.clock())
                .refreshInterval(Duration.ofMillis(100))
                .rotateInProcess(false)
                .output(ProvisioningOutput.silent());
    }

    /**
     * Rotates elsewhere and waits until {@code token} has told every listener given before this call:
     * listeners are told one after the other, so the re-binds of the deploys before are done by then.
     */
    private void rotateAndWaitForTheMove(ProvisionedToken<?> token) throws InterruptedException {
        CountDownLatch told = new CountDownLatch(1);
        token.onRotation(rotation -> told.countDown());
        emulator.resetRequestCounts();
        provisioning()
                .rotate(
                        () -> new Declarations.Found(List.of(rotating), List.of(), Map.of()),
                        new RotationRequest(Set.of(ID), false));
        assertThat(told.await(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Whether the script's secret is {@code value}; compared here, so a failure prints no secret. */
    private boolean holds(String script, String binding, Secret value) {
        return emulator.workerSecretText(script, binding).equals(Optional.of(value.reveal()));
    }

    @Test
    void aWorkerDeployedAgainAndAgainIsReboundOncePerBindingWhenTheTokenMoves() throws Exception {
        ProvisionedToken<HandMadeProvisioner.TestToken> token = provisioning().provision(rotating);
        Worker worker = Worker.named("redeployed-worker")
                .script(SCRIPT)
                .bind("API_TOKEN", token)
                .bind("FALLBACK_TOKEN", token);
        for (int deploy = 0; deploy < 5; deploy++) {
            worker.deploy(cloudflare);
        }

        rotateAndWaitForTheMove(token);

        assertThat(emulator.requestCount(RequestKind.PUT_WORKER_SECRET)).isEqualTo(2);
        assertThat(holds("redeployed-worker", "API_TOKEN", token.value())).isTrue();
        assertThat(holds("redeployed-worker", "FALLBACK_TOKEN", token.value())).isTrue();
    }

    @Test
    void aRedeployThatBindsTheNameToSomethingElseNoLongerFollowsTheToken() throws Exception {
        ProvisionedToken<HandMadeProvisioner.TestToken> token = provisioning().provision(rotating);
        Worker.named("changed-worker").script(SCRIPT).bind("API_TOKEN", token).deploy(cloudflare);
        Secret own = Secret.of("an-own-secret-value-0123456789abcdefghijklmn");
        Worker.named("changed-worker").script(SCRIPT).bind("API_TOKEN", own).deploy(cloudflare);

        rotateAndWaitForTheMove(token);

        assertThat(emulator.requestCount(RequestKind.PUT_WORKER_SECRET)).isZero();
        assertThat(holds("changed-worker", "API_TOKEN", own)).isTrue();
    }

    @Test
    void aWorkerBoundBeforeAMoveAndDeployedAfterItUploadsTheValueTheHandleHoldsNow() throws Exception {
        ProvisionedToken<HandMadeProvisioner.TestToken> token = provisioning().provision(rotating);
        Secret first = token.value();
        Worker worker = Worker.named("late-worker").script(SCRIPT).bind("API_TOKEN", token);

        rotateAndWaitForTheMove(token);
        worker.deploy(cloudflare);

        assertThat(holds("late-worker", "API_TOKEN", token.value())).isTrue();
        assertThat(holds("late-worker", "API_TOKEN", first)).isFalse();
    }
}
