package dev.cftokens.core.model;

import static java.util.Objects.requireNonNull;

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
}
