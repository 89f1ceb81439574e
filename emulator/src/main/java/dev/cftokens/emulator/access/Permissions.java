package dev.cftokens.emulator.access;

import dev.cftokens.core.catalog.PermissionGroup;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.emulator.http.ApiException;
import dev.cftokens.emulator.tokens.GrantedGroup;
import dev.cftokens.emulator.tokens.StoredPolicy;
import dev.cftokens.emulator.tokens.StoredToken;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a caller may do something to a resource: an issued token needs a group that an allow policy
 * grants on that resource and no deny policy takes away. Deny wins, as on Cloudflare.
 */
public final class Permissions {
    private final PermissionGroupCatalog catalog;

    /**
     * Permissions checked against this catalog's group names.
     *
     * @param catalog the permission groups, to map names to the ids policies hold
     */
    public Permissions(PermissionGroupCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Fails with 403 code 9109 unless the caller holds one of {@code groupNames} on {@code resourceKey}.
     *
     * @param caller who sent the request
     * @param resourceKey the resource, such as {@code com.cloudflare.api.account.<id>}
     * @param action what the caller tried, for the message ("create account-owned tokens")
     * @param groupNames the groups any one of which allows it, such as {@code API Tokens Write}
     * @throws ApiException the 403 when the caller holds none of them
     */
    public void require(Caller caller, String resourceKey, String action, String... groupNames) {
        if (!holdsAny(caller, resourceKey, groupNames)) {
            throw ApiException.unauthorized("Unauthorized to access requested resource: to " + action + " the token "
                    + caller.tokenId() + " needs " + String.join(" or ", quoted(groupNames)) + " on " + resourceKey);
        }
    }

    /**
     * {@return true when the caller holds one of {@code groupNames} on {@code resourceKey}, and no deny takes it away}
     *
     * @param caller who sent the request
     * @param resourceKey the resource
     * @param groupNames the group names
     */
    public boolean holdsAny(Caller caller, String resourceKey, String... groupNames) {
        if (caller.hasAllRights()) {
            return true;
        }
        for (String name : groupNames) {
            Set<String> ids =
                    catalog.byName(name).stream().map(PermissionGroup::id).collect(Collectors.toSet());
            if (grants(caller.token(), PolicyEffect.ALLOW, ids, resourceKey)
                    && !grants(caller.token(), PolicyEffect.DENY, ids, resourceKey)) {
                return true;
            }
        }
        return false;
    }

    private static boolean grants(StoredToken token, PolicyEffect effect, Set<String> groupIds, String resourceKey) {
        for (StoredPolicy policy : token.policies()) {
            if (policy.effect() != effect
                    || policy.groups().stream().map(GrantedGroup::id).noneMatch(groupIds::contains)) {
                continue;
            }
            for (ResourceGrant grant : policy.resources()) {
                if (covers(grant, resourceKey)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a grant reaches {@code resourceKey} itself: the same key, or {@code prefix.*} over it. A grant
     * with nested keys gives only those nested resources, not its own key.
     */
    static boolean covers(ResourceGrant grant, String resourceKey) {
        if (!grant.nested().isEmpty()) {
            return false;
        }
        String key = grant.key();
        if (key.equals(resourceKey)) {
            return true;
        }
        if (key.endsWith(".*")) {
            String prefix = key.substring(0, key.length() - 1);
            return resourceKey.startsWith(prefix) && resourceKey.indexOf('.', prefix.length()) < 0;
        }
        return false;
    }

    private static List<String> quoted(String... names) {
        return Arrays.stream(names).map(n -> "\"" + n + "\"").collect(Collectors.toList());
    }
}
