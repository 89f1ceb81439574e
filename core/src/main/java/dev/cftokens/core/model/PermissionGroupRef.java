package dev.cftokens.core.model;

import static java.util.Objects.requireNonNull;

/** A permission group as a declaration names it: the id sent to Cloudflare and the name it was written as. */
public record PermissionGroupRef(String id, String name) {
    public PermissionGroupRef {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
    }
}
