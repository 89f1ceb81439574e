package dev.cftokens.emulator;

import dev.cftokens.core.model.PolicySpec;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.emulator.tokens.StoredToken;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A token as the emulator holds it, for test assertions. Never carries the value: the emulator does not
 * keep it.
 *
 * @param id the token's id
 * @param owner whether it lives under the account or the user
 * @param name the token's name
 * @param status {@code active}, {@code disabled} or {@code expired}, as the API shows it now
 * @param issuedOn when it was created
 * @param modifiedOn when it last changed
 * @param lastUsedOn when it last authenticated a request, or null for never
 * @param notBefore earliest validity, or null
 * @param expiresOn expiry, or null
 * @param policies the policies as a set
 * @param policyIds the server-made policy ids, in the stored order
 * @param condition the request IP condition
 */
public record EmulatedToken(
        String id,
        TokenOwner owner,
        String name,
        String status,
        Instant issuedOn,
        Instant modifiedOn,
        Instant lastUsedOn,
        Instant notBefore,
        Instant expiresOn,
        Set<PolicySpec> policies,
        List<String> policyIds,
        RequestIpCondition condition) {
    /**
     * Copies the collections.
     *
     * @param id the token's id
     * @param owner whether it lives under the account or the user
     * @param name the token's name
     * @param status {@code active}, {@code disabled} or {@code expired}, as the API shows it now
     * @param issuedOn when it was created
     * @param modifiedOn when it last changed
     * @param lastUsedOn when it last authenticated a request, or null for never
     * @param notBefore earliest validity, or null
     * @param expiresOn expiry, or null
     * @param policies the policies as a set
     * @param policyIds the server-made policy ids, in the stored order
     * @param condition the request IP condition
     */
    public EmulatedToken {
        policies = Set.copyOf(policies);
        policyIds = List.copyOf(policyIds);
    }

    /** {@return what this token grants, comparable with a declared token's spec} */
    public TokenSpec spec() {
        return new TokenSpec(name, policies, condition, notBefore, expiresOn);
    }

    static EmulatedToken of(StoredToken token, Instant now) {
        Set<PolicySpec> policies = token.policies().stream()
                .map(p -> new PolicySpec(
                        p.effect(),
                        p.groups().stream().map(g -> g.id()).collect(Collectors.toSet()),
                        Set.copyOf(p.resources())))
                .collect(Collectors.toSet());
        List<String> policyIds = token.policies().stream().map(p -> p.id()).collect(Collectors.toList());
        return new EmulatedToken(
                token.id(),
                token.owner(),
                token.name(),
                token.statusAt(now).wireName(),
                token.issuedOn(),
                token.modifiedOn(),
                token.lastUsedOn(),
                token.notBefore(),
                token.expiresOn(),
                policies,
                policyIds,
                token.condition());
    }
}
