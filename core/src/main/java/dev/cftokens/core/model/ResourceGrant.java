package dev.cftokens.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * One entry of a policy's {@code resources} object. With no nested keys it is {@code "key": "*"}; with
 * nested keys it is {@code "key": {"nested1": "*", ...}}, as in all zones of one account.
 */
public record ResourceGrant(String key, Set<String> nested) {
    public ResourceGrant {
        requireNonNull(key, "key");
        nested = Set.copyOf(nested);
    }

    /** {@code key → "*"}. */
    public static ResourceGrant all(String key) {
        return new ResourceGrant(key, Set.of());
    }
}
