package dev.cftokens.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.catalog.Scope;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.PolicySpec;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.DeployedScript;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.workers.Worker;
import dev.cftokens.runtime.workers.WorkerSecrets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Account discovery and Worker bindings against the emulator. */
@ExtendWith(LeakScan.class)
@LeakScan.ExpectsRequestLog
class EmulatorAccountAndWorkersTest {
    private final CloudflareEmulator emulator = CloudflareEmulator.start();

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Cloudflare admin() {
        return Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .apiToken(emulator.adminToken())
                .build();
    }

    private ProvisionedToken<EmulatorAccountAndWorkersTest> provision(Cloudflare cloudflare, String name) {
        String zoneRead = emulator.catalog()
                .byNameAndScope("Zone Read", Scope.ZONE)
                .orElseThrow()
                .id();
        CreatedToken created = cloudflare
                .accountTokens()
                .create(new TokenSpec(
                        name,
                        Set.of(new PolicySpec(
                                PolicyEffect.ALLOW,
                                Set.of(zoneRead),
                                Set.of(ResourceGrant.all("com.cloudflare.api.account.zone.*")))),
                        null,
                        null,
                        null));
        return new ProvisionedToken<>(
                EmulatorAccountAndWorkersTest.class,
                name,
                created.token().id(),
                name,
                created.token().status(),
                created.value());
    }

    @Test
    void theOnlyAccountIsDiscoveredOnce() {
        Cloudflare cloudflare = admin();
        assertThat(cloudflare.accountId()).isEqualTo(emulator.accountId());
        cloudflare.accountTokens().list().count();
        cloudflare.accountTokens().list().count();
        assertThat(emulator.requestCount(RequestKind.LIST_ACCOUNTS)).isEqualTo(1);
    }

    @Test
    void accountOwnedTokenWithoutAccountIdIsToldToSetIt() {
        ProvisionedToken<?> token = provision(admin(), "account-owned");
        Cloudflare asAccountToken = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .apiToken(token.value())
                .build();

        CloudflareConfigurationException e =
                LeakScan.caught(CloudflareConfigurationException.class, asAccountToken::accountId);

        assertThat(e.getMessage())
                .contains("CLOUDFLARE_ACCOUNT_ID")
                .doesNotContain(token.value().reveal());
    }

    @Test
    void serviceWorkerDeployBindsTheTokenAsASecret() {
        Cloudflare cloudflare = admin();
        ProvisionedToken<?> token = provision(cloudflare, "worker-token");

        Worker.named("my-worker")
                .script("addEventListener('fetch', e => e.respondWith(new Response('Hello, world!')))")
                .bind("API_TOKEN", token)
                .bindText("STAGE", "production")
                .deploy(cloudflare);

        DeployedScript script = emulator.workerScript("my-worker").orElseThrow();
        assertThat(script.bodyPart()).isEqualTo("worker.js");
        assertThat(script.mainModule()).isNull();
        assertThat(script.bindings())
                .containsExactlyInAnyOrder(
                        new DeployedScript.Binding("API_TOKEN", "secret_text"),
                        new DeployedScript.Binding("STAGE", "plain_text"));
        assertThat(emulator.workerSecretText("my-worker", "API_TOKEN"))
                .contains(token.value().reveal());
    }

    @Test
    void moduleDeployThenSecretRotation() {
        Cloudflare cloudflare = admin();
        ProvisionedToken<?> first = provision(cloudflare, "first");
        ProvisionedToken<?> second = provision(cloudflare, "second");

        Worker.named("edge-api")
                .module("index.js", "export default { fetch() { return new Response('ok') } }")
                .compatibilityDate("2024-09-23")
                .bind("API_TOKEN", first)
                .deploy(cloudflare);
        DeployedScript script = emulator.workerScript("edge-api").orElseThrow();
        assertThat(script.mainModule()).isEqualTo("index.js");
        assertThat(script.modules()).containsExactly("index.js");
        assertThat(script.compatibilityDate()).isEqualTo("2024-09-23");

        WorkerSecrets.put(cloudflare, "edge-api", "API_TOKEN", second);

        assertThat(emulator.workerSecretText("edge-api", "API_TOKEN"))
                .contains(second.value().reveal());
        assertThat(emulator.workerScript("edge-api").orElseThrow().mainModule()).isEqualTo("index.js");
    }

    @Test
    void secretOnAMissingScriptIsAnApiError() {
        Cloudflare cloudflare = admin();
        ProvisionedToken<?> token = provision(cloudflare, "orphan");
        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class,
                () -> WorkerSecrets.put(cloudflare, "no-such-worker", "API_TOKEN", token));
        assertThat(e.status()).isBetween(400, 404);
        assertThat(e.path()).endsWith("/workers/scripts/no-such-worker/secrets");
        assertThat(e.getMessage()).doesNotContain(token.value().reveal());
    }
}
