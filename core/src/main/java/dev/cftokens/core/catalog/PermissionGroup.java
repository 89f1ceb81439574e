package dev.cftokens.core.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * One Cloudflare permission group: the unit of access a token policy grants.
 *
 * @param id Cloudflare's 32-hex id, what the API takes
 * @param name the API's name, such as {@code Zone Read}; not unique across scopes
 * @param scopes the kinds of resource the group applies to; empty when Cloudflare only listed
 *     scopes this version does not know
 */
public record PermissionGroup(String id, String name, Set<Scope> scopes) {
    /**
     * Copies {@code scopes}, so the group stays immutable.
     *
     * @param id Cloudflare's 32-hex id
     * @param name the API's name, such as {@code Zone Read}
     * @param scopes the kinds of resource the group applies to
     * @throws NullPointerException when any is null
     */
    public PermissionGroup {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        scopes = Set.copyOf(scopes);
    }

    /**
     * {@return true when the group applies to resources of {@code scope}}
     *
     * @param scope the kind of resource
     */
    public boolean hasScope(Scope scope) {
        return scopes.contains(scope);
    }
}
