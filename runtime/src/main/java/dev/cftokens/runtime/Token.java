package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.PolicySpec;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.model.TokenStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A token as Cloudflare reports it (list, get, update); never its value, which only {@link
 * CreatedToken} and {@link TokenApi#roll} carry.
 *
 * @param id Cloudflare's id of the token
 * @param name the token's name
 * @param status whether it is active, disabled or expired
 * @param issuedOn when it was created, or null if Cloudflare did not say
 * @param modifiedOn when it last changed, or null
 * @param lastUsedOn when it last authenticated a request, or null for never
 * @param notBefore earliest validity, or null for none
 * @param expiresOn expiry, or null for never
 * @param policies the policies as a set (Cloudflare may reorder them)
 * @param condition the request IP condition, {@link RequestIpCondition#NONE} when none
 * @param policyIds Cloudflare's ids of the policies, in the order it listed them (not part of {@link
 *     #spec()}: they change on every write)
 */
public record Token(
        String id,
        String name,
        TokenStatus status,
        Instant issuedOn,
        Instant modifiedOn,
        Instant lastUsedOn,
        Instant notBefore,
        Instant expiresOn,
        Set<PolicySpec> policies,
        RequestIpCondition condition,
        List<String> policyIds) {
    /**
     * Copies the collections and reads a null condition as {@link RequestIpCondition#NONE}.
     *
     * @param id Cloudflare's id of the token
     * @param name the token's name
     * @param status whether it is active, disabled or expired
     * @param issuedOn when it was created, or null if Cloudflare did not say
     * @param modifiedOn when it last changed, or null
     * @param lastUsedOn when it last authenticated a request, or null for never
     * @param notBefore earliest validity, or null for none
     * @param expiresOn expiry, or null for never
     * @param policies the policies as a set (Cloudflare may reorder them)
     * @param condition the request IP condition, or null for none
     * @param policyIds Cloudflare's ids of the policies, in the order it listed them
     * @throws NullPointerException when {@code id}, {@code name}, {@code status} or a collection is null
     */
    public Token {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(status, "status");
        policies = Set.copyOf(policies);
        condition = condition == null ? RequestIpCondition.NONE : condition;
        policyIds = List.copyOf(policyIds);
    }

    /** {@return what this token grants, comparable with a desired {@link TokenSpec} by {@code equals}} */
    public TokenSpec spec() {
        return new TokenSpec(name, policies, condition, notBefore, expiresOn);
    }
}
