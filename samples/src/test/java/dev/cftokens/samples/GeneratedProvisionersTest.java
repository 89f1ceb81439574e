package dev.cftokens.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.model.PermissionGroupRef;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.model.TokenDeclaration;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatedToken;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.Declarations;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.TokenVerification;
import dev.cftokens.runtime.state.FileStateStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the code the processor generated for the samples' declarations against the emulator. */
class GeneratedProvisionersTest {
    private static final String ZONE = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path stateDir;

    private CloudflareEmulator emulator;
    private Cloudflare cloudflare;
    private Provisioning provisioning;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void startEmulator() {
        emulator = CloudflareEmulator.start();
        cloudflare = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .apiToken(emulator.adminToken())
                .accountId(emulator.accountId())
                .build();
        provisioning = Provisioning.with(cloudflare)
                .stateStore(FileStateStore.builder()
                        .path(stateDir.resolve("state.json"))
                        .passphrase("correct horse battery staple".toCharArray())
                        .build())
                .output(new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void declarationCarriesResolvedGroupIdsAndDefaults() {
        TokenDeclaration declaration = ReadonlyTokenProvisioner.create().declaration();
        assertThat(declaration.id()).isEqualTo("readonly-token");
        assertThat(declaration.name()).isEqualTo("Readonly Zone Token");
        assertThat(declaration.owner()).isEqualTo(TokenOwner.ACCOUNT);
        assertThat(declaration.inputs()).isEmpty();
        assertThat(declaration.policies()).singleElement().satisfies(policy -> {
            assertThat(policy.effect()).isEqualTo(PolicyEffect.ALLOW);
            assertThat(policy.permissionGroups())
                    .containsExactly(
                            new PermissionGroupRef("c8fed203ed3043cba015a93ad1616f1f", "Zone Read"),
                            new PermissionGroupRef(
                                    emulator.catalog()
                                            .byName("Analytics Read")
                                            .get(0)
                                            .id(),
                                    "Analytics Read"));
            assertThat(policy.resources()).containsExactly("com.cloudflare.api.account.zone.*");
        });
    }

    @Test
    void inputsAreRequiredAndResolveIntoTheSpec() {
        assertThatThrownBy(() -> RestrictedTokenProvisioner.create(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("the input zoneId of token restricted-token is null");
        RestrictedTokenProvisioner provisioner = RestrictedTokenProvisioner.create(ZONE);
        assertThat(provisioner.inputs()).isEqualTo(Map.of("zoneId", ZONE));
        TokenSpec spec = provisioner.declaration().resolve(emulator.accountId(), provisioner.inputs());
        assertThat(spec.policies())
                .singleElement()
                .satisfies(policy -> assertThat(policy.resources())
                        .containsExactly(ResourceGrant.all("com.cloudflare.api.account.zone." + ZONE)));
        assertThat(spec.notBefore()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(spec.expiresOn()).isEqualTo(Instant.parse("2030-12-31T23:59:59Z"));
        assertThat(spec.condition().in()).containsExactly("192.168.1.0/24");
        assertThat(spec.condition().notIn()).containsExactly("192.168.1.100/32");
    }

    @Test
    void provisionCreatesTheDeclaredTokenOnce() {
        ProvisionedToken<ReadonlyToken> first = provisioning.provision(ReadonlyTokenProvisioner.create());
        ProvisionedToken<ReadonlyToken> second = provisioning.provision(ReadonlyTokenProvisioner.create());

        assertThat(emulator.tokens()).extracting(EmulatedToken::name).containsExactly("Readonly Zone Token");
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.value()).isEqualTo(first.value());
        assertThat(first.status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(first.tokenType()).isEqualTo(ReadonlyToken.class);
        EmulatedToken stored = emulator.tokens().get(0);
        assertThat(stored.spec())
                .isEqualTo(ReadonlyTokenProvisioner.create().declaration().resolve(emulator.accountId(), Map.of()));
    }

    @Test
    void provisionedValueIsAWorkingCredentialAndNeverPrinted() {
        ProvisionedToken<WorkerKvToken> token = provisioning.provision(WorkerKvTokenProvisioner.create());
        String value = token.value().reveal();

        Cloudflare asToken = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .apiToken(value)
                .accountId(emulator.accountId())
                .build();
        TokenVerification verification = asToken.accountTokens().verify();
        assertThat(verification.id()).isEqualTo(token.id());
        assertThat(verification.status()).isEqualTo(TokenStatus.ACTIVE);

        assertThat(token.toString()).doesNotContain(value).contains("****");
        assertThat(output.toString(StandardCharsets.UTF_8))
                .doesNotContain(value)
                .contains("+ create worker-kv-token");
    }

    @Test
    void tokenBoundToAWorkerIsItsSecretBinding() {
        ProvisionedToken<WorkerKvToken> token = provisioning.provision(WorkerKvTokenProvisioner.create());
        dev.cftokens.runtime.workers.Worker.named("kv-reader")
                .script("addEventListener('fetch', e => e.respondWith(new Response('ok')));")
                .bind("API_TOKEN", token)
                .bindText("MODE", "read-only")
                .deploy(cloudflare);

        assertThat(emulator.workerScript("kv-reader")).hasValueSatisfying(script -> {
            assertThat(script.binding("API_TOKEN"))
                    .hasValue(new dev.cftokens.emulator.DeployedScript.Binding("API_TOKEN", "secret_text"));
            assertThat(script.binding("MODE"))
                    .hasValue(new dev.cftokens.emulator.DeployedScript.Binding("MODE", "plain_text"));
        });
        assertThat(emulator.workerSecretText("kv-reader", "API_TOKEN"))
                .hasValue(token.value().reveal());
    }

    @Test
    void r2CredentialsAreTheTokenIdAndTheHashOfItsValue() throws NoSuchAlgorithmException {
        ProvisionedToken<R2StorageToken> token = provisioning.provision(R2StorageTokenProvisioner.create("my-bucket"));
        String expectedSecret = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(token.value().reveal().getBytes(StandardCharsets.UTF_8)));

        assertThat(token.s3Credentials().accessKeyId()).isEqualTo(token.id());
        assertThat(token.s3Credentials().secretAccessKey().reveal()).isEqualTo(expectedSecret);
        assertThat(token.s3Credentials().toString()).doesNotContain(expectedSecret);
        assertThat(emulator.tokens())
                .singleElement()
                .satisfies(stored -> assertThat(stored.spec().policies())
                        .singleElement()
                        .satisfies(policy -> assertThat(policy.resources())
                                .containsExactly(ResourceGrant.all("com.cloudflare.edge.r2.bucket."
                                        + emulator.accountId() + "_default_my-bucket"))));
    }

    @Test
    void secondApplyOfAllScenariosChangesNothing() {
        List<dev.cftokens.runtime.TokenProvisioner<?>> all = List.of(
                ReadonlyTokenProvisioner.create(),
                RestrictedTokenProvisioner.create(ZONE),
                R2StorageTokenProvisioner.create("my-bucket"),
                WorkerKvTokenProvisioner.create());
        provisioning.apply(all);
        assertThat(emulator.tokens()).hasSize(4);

        long writesBefore =
                emulator.requestCount("POST") + emulator.requestCount("PUT") + emulator.requestCount("DELETE");
        assertThat(provisioning.apply(all).applied())
                .extracting(change -> change.kind())
                .containsOnly(dev.cftokens.runtime.provision.ChangeKind.UNCHANGED);
        long writesAfter =
                emulator.requestCount("POST") + emulator.requestCount("PUT") + emulator.requestCount("DELETE");
        assertThat(writesAfter).isEqualTo(writesBefore);
        assertThat(emulator.tokens()).hasSize(4);
    }

    @Test
    void everyDeclarationIsListedForTheCommandLine() throws IOException {
        for (Class<?> provisioner : List.of(
                ReadonlyTokenProvisioner.class,
                RestrictedTokenProvisioner.class,
                R2StorageTokenProvisioner.class,
                WorkerKvTokenProvisioner.class)) {
            try (InputStream in =
                    getClass().getClassLoader().getResourceAsStream("META-INF/cftokens/" + provisioner.getName())) {
                assertThat(in).as(provisioner.getName()).isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo(provisioner.getName() + "\n");
            }
        }
    }

    @Test
    void theDeclarationsReadFromTheClassFilesAreThoseTheClassesCarry() {
        List<TokenProvisioner<?>> created = List.of(
                R2StorageTokenProvisioner.create("assets"),
                ReadonlyTokenProvisioner.create(),
                RestrictedTokenProvisioner.create("023e105f4ecef8ad9ca31a8372d0c353"),
                WorkerKvTokenProvisioner.create());
        Map<String, Map<String, String>> inputs = Map.of(
                "r2-storage-token", Map.of("bucket", "assets"),
                "restricted-token", Map.of("zoneId", "023e105f4ecef8ad9ca31a8372d0c353"));

        Declarations.Found found = Declarations.on(getClass().getClassLoader()).load(inputs);
        // The test sources declare a token of their own (consume.ServiceToken), which is no sample.
        List<TokenProvisioner<?>> samples = found.provisioners().stream()
                .filter(provisioner -> provisioner.getClass().getPackage() == Samples.class.getPackage())
                .toList();

        assertThat(samples)
                .extracting(TokenProvisioner::declaration)
                .containsExactlyElementsOf(
                        created.stream().map(TokenProvisioner::declaration).toList());
        assertThat(samples)
                .extracting(TokenProvisioner::inputs)
                .containsExactlyElementsOf(
                        created.stream().map(TokenProvisioner::inputs).toList());
    }

    @Test
    void provisionersAreFinalAndGenerated() {
        assertThat(java.lang.reflect.Modifier.isFinal(ReadonlyTokenProvisioner.class.getModifiers()))
                .isTrue();
        assertThat(ReadonlyTokenProvisioner.class.getConstructors()).isEmpty();
        assertThat(ReadonlyTokenProvisioner.class.getSuperclass())
                .isEqualTo(dev.cftokens.runtime.AbstractTokenProvisioner.class);
        assertThat(dev.cftokens.runtime.TokenProvisioner.class).isAssignableFrom(ReadonlyTokenProvisioner.class);
    }
}
