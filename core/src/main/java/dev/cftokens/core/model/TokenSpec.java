package dev.cftokens.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * What a token grants, in the terms Cloudflare stores: the body of a create or update request, and
 * what a listed token is compared with. Policies are a set because the API may reorder them.
 *
 * @param notBefore earliest validity, or null for none
 * @param expiresOn expiry, or null for never
 */
public record TokenSpec(
        String name, Set<PolicySpec> policies, RequestIpCondition condition, Instant notBefore, Instant expiresOn) {
    public TokenSpec {
        requireNonNull(name, "name");
        policies = Set.copyOf(policies);
        condition = condition == null ? RequestIpCondition.NONE : condition;
    }
}
