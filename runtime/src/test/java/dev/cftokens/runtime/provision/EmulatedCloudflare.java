package dev.cftokens.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatedToken;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.RetryPolicy;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.TokenVerification;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.TokenRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Helpers shared by the tests that provision against the in-process emulator. */
final class EmulatedCloudflare {
    private EmulatedCloudflare() {}

    static Cloudflare client(CloudflareEmulator emulator) {
        return Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .accountId(emulator.accountId())
                .apiToken(emulator.adminToken())
                .retryPolicy(new RetryPolicy(6, Duration.ofSeconds(20), Duration.ofMillis(10), Duration.ofMillis(200)))
                .build();
    }

    /** Write requests the emulator saw: creates, updates, deletes and rolls. */
    static long writes(CloudflareEmulator emulator) {
        return emulator.requestCount(RequestKind.CREATE_TOKEN)
                + emulator.requestCount(RequestKind.UPDATE_TOKEN)
                + emulator.requestCount(RequestKind.DELETE_TOKEN)
                + emulator.requestCount(RequestKind.ROLL_TOKEN);
    }

    /** The emulator's tokens other than its own admin token. */
    static List<EmulatedToken> tokens(CloudflareEmulator emulator) {
        return emulator.tokens().stream()
                .filter(token -> !token.id().equals(emulator.adminTokenId()))
                .collect(Collectors.toList());
    }

    /**
     * Exactly one token per declaration, each recorded in the state and matching its declaration, and
     * nothing else.
     */
    static void assertOneTokenPerDeclaration(
            CloudflareEmulator emulator,
            StateStore store,
            List<? extends dev.cftokens.runtime.TokenProvisioner<?>> provisioners) {
        List<EmulatedToken> tokens = tokens(emulator);
        assertThat(tokens).hasSize(provisioners.size());
        Map<String, EmulatedToken> byId = tokens.stream().collect(Collectors.toMap(EmulatedToken::id, t -> t));
        try (StateSession state = store.open()) {
            assertThat(state.records()).hasSize(provisioners.size());
            for (var provisioner : provisioners) {
                TokenRecord record =
                        state.record(provisioner.declaration().id()).orElseThrow();
                EmulatedToken token = byId.get(record.tokenId());
                assertThat(token).as("token of %s", record.declarationId()).isNotNull();
                assertThat(token.owner()).isEqualTo(TokenOwner.ACCOUNT);
                assertThat(token.spec())
                        .isEqualTo(provisioner.declaration().resolve(emulator.accountId(), provisioner.inputs()));
            }
        }
    }

    /** Checks a value authenticates against the emulator, as the service using it would. */
    static TokenVerification verifyValue(CloudflareEmulator emulator, Secret value) {
        Cloudflare asToken = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .accountId(emulator.accountId())
                .apiToken(value)
                .build();
        return asToken.accountTokens().verify();
    }
}
