package dev.cftokens.spring.actuate;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.spring.ProvisionedTokens;
import dev.cftokens.spring.ProvisioningRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/cftokens}, read-only: what the startup run printed (its plan and progress) and each
 * token's id, status and expiry. Never a value.
 */
@Endpoint(id = "cftokens")
public final class CftokensEndpoint {
    private final ProvisionedTokens tokens;

    public CftokensEndpoint(ProvisionedTokens tokens) {
        this.tokens = requireNonNull(tokens, "tokens");
    }

    @ReadOperation
    public Report report() {
        Map<String, TokenProvisioner<?>> provisioners = tokens.provisioners().stream()
                .collect(Collectors.toMap(p -> p.declaration().id(), Function.identity()));
        List<TokenDescriptor> descriptors = tokens.all().stream()
                .map(token -> TokenDescriptor.of(token, provisioners.get(token.declarationId())))
                .toList();
        return new Report(tokens.mode().wireName(), tokens.run(), descriptors);
    }

    /** The endpoint's answer: {@code provision} or {@code consume}, the startup run, each token. */
    public record Report(String mode, ProvisioningRun lastRun, List<TokenDescriptor> tokens) {}

    /**
     * One token, described without its value.
     *
     * @param declarationId the declaration's id, such as {@code readonly-token}
     * @param type the declaring interface
     * @param id Cloudflare's id of the token
     * @param expiresOn the declared expiry, or null when it never expires
     */
    public record TokenDescriptor(
            String declarationId, String type, String id, String name, String status, Instant expiresOn) {
        static TokenDescriptor of(ProvisionedToken<?> token, TokenProvisioner<?> provisioner) {
            return new TokenDescriptor(
                    token.declarationId(),
                    token.tokenType().getName(),
                    token.id(),
                    token.name(),
                    token.status().wireName(),
                    provisioner == null ? null : provisioner.declaration().expiresOn());
        }
    }
}
