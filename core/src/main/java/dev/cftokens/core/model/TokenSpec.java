package dev.cftokens.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a token grants, in the terms Cloudflare stores: the body of a create or update request, and
 * what a listed token is compared with. Policies are a set because the API may reorder them.
 *
 * @param name the token's name
 * @param policies the policies
 * @param condition the request IP condition, or null for none
 * @param notBefore earliest validity, or null for none
 * @param expiresOn expiry, or null for never
 */
public record TokenSpec(
        String name, Set<PolicySpec> policies, RequestIpCondition condition, Instant notBefore, Instant expiresOn) {
    /**
     * Copies the policies and reads a null condition as {@link RequestIpCondition#NONE}.
     *
     * @param name the token's name
     * @param policies the policies
     * @param condition the request IP condition, or null for none
     * @param notBefore earliest validity, or null for none
     * @param expiresOn expiry, or null for never
     * @throws NullPointerException when {@code name} or {@code policies} is null
     */
    public TokenSpec {
        requireNonNull(name, "name");
        policies = Set.copyOf(policies);
        condition = condition == null ? RequestIpCondition.NONE : condition;
    }

    // equals and hashCode written out: a record's generated ones bootstrap method handles on first use, some
    // 25 ms of every cold start that plans (specs are hashed into sets and compared on every run).
    @Override
    public boolean equals(Object o) {
        return o instanceof TokenSpec other
                && Objects.equals(name, other.name)
                && Objects.equals(policies, other.policies)
                && Objects.equals(condition, other.condition)
                && Objects.equals(notBefore, other.notBefore)
                && Objects.equals(expiresOn, other.expiresOn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, policies, condition, notBefore, expiresOn);
    }
}
