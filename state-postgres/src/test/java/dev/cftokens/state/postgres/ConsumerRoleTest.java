package dev.cftokens.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.Declarations;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.provision.HandMadeProvisioner;
import dev.cftokens.runtime.provision.ProvisioningException;
import dev.cftokens.runtime.provision.ProvisioningMode;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.provision.RotationRequest;
import dev.cftokens.runtime.state.StateKey;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's least-privilege deployment: CI applies with the owner's role and the minting credential; a
 * service reads with a role that may only read the state (and note which token it holds) and no credential.
 */
class ConsumerRoleTest {
    private static final StateKey KEY = StateKey.generate();
    private static final String ID = "service-token";

    private final CloudflareEmulator emulator = CloudflareEmulator.start();
    private final String prefix = Database.freshPrefix();
    private final String role = "consumer_" + prefix.replace("_", "");
    private final HandMadeProvisioner declaration = new HandMadeProvisioner(
            HandMadeProvisioner.zoneReader(ID).declaration().withRotation(RotationPolicy.parse("P30D", "P2D")),
            Map.of());

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Provisioning ci() {
        Cloudflare minting = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .accountId(emulator.accountId())
                .apiToken(emulator.adminToken())
                .build();
        return Provisioning.with(minting)
                .stateStore(PostgresStateStore.builder()
                        .url(Database.url())
                        .key(KEY)
                        .tablePrefix(prefix)
                        .build())
                .output(ProvisioningOutput.silent());
    }

    private Provisioning service() {
        Cloudflare noCredential = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .accountId(emulator.accountId())
                .build();
        String url = Database.url().replace("user=postgres", "user=" + role);
        return Provisioning.with(noCredential)
                .stateStore(PostgresStateStore.builder()
                        .url(url)
                        .key(KEY)
                        .tablePrefix(prefix)
                        .build())
                .refreshInterval(Duration.ofMillis(200))
                .output(ProvisioningOutput.silent());
    }

    /** What the README grants a consumer: read the state, note holdings; nothing else. */
    private void createConsumerRole() throws Exception {
        try (Connection connection = Database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + role + " LOGIN");
            statement.execute("GRANT SELECT ON " + prefix + "meta, " + prefix + "tokens, " + prefix
                    + "pending_creates, " + prefix + "encryption, " + prefix + "locks TO " + role);
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + prefix + "holders TO " + role);
        }
    }

    @Test
    void aRoleThatMayOnlyReadTheStateServesAServiceAndFollowsARotationFromCi() throws Exception {
        ci().apply(declaration);
        createConsumerRole();

        Provisioning service = service();
        ProvisionedToken<HandMadeProvisioner.TestToken> token = service.provision(declaration);
        assertThat(service.mode()).isEqualTo(ProvisioningMode.CONSUME);
        String first = token.id();

        ci().rotate(
                        () -> new Declarations.Found(List.of(declaration), List.of(), Map.of()),
                        new RotationRequest(Set.of(ID), false));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (token.id().equals(first) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(token.id()).isNotEqualTo(first);
        Cloudflare asToken = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .accountId(emulator.accountId())
                .apiToken(token.value())
                .build();
        assertThat(asToken.accountTokens().verify().id()).isEqualTo(token.id());
    }

    @Test
    void theReadOnlyRoleCannotWriteTheStateEvenWhenAskedTo() throws Exception {
        ci().apply(declaration);
        createConsumerRole();
        emulator.resetRequestCounts();

        // Forced to provision, the database refuses before Cloudflare is asked anything.
        assertThatThrownBy(() -> service().mode(ProvisioningMode.PROVISION).apply(declaration))
                .hasMessageContaining("permission denied");
        assertThat(emulator.requestCount()).isZero();
        assertThatThrownBy(() -> service().apply(declaration))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("apply needs the minting credential");
    }
}
