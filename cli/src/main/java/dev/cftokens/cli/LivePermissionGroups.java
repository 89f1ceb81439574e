package dev.cftokens.cli;

import dev.cftokens.core.catalog.PermissionGroup;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.CloudflareApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The permission groups an account offers now: those account-owned tokens can grant, and those of
 * user-owned tokens, which the account's list leaves out. {@code verify} counts them and {@code
 * permission-groups} writes them, in the same words.
 *
 * @param user the user's groups, or null when these credentials cannot read them
 * @param userProblem why the user's groups could not be read, or null
 */
record LivePermissionGroups(
        String accountId, PermissionGroupCatalog account, PermissionGroupCatalog user, String userProblem) {

    static LivePermissionGroups read(Cloudflare cloudflare) {
        PermissionGroupCatalog account = cloudflare.livePermissionGroups(TokenOwner.ACCOUNT);
        try {
            return new LivePermissionGroups(
                    cloudflare.accountId(), account, cloudflare.livePermissionGroups(TokenOwner.USER), null);
        } catch (CloudflareApiException e) {
            return new LivePermissionGroups(cloudflare.accountId(), account, null, "HTTP " + e.status());
        }
    }

    /** Every group once: the account's, then those only user-owned tokens can grant. */
    PermissionGroupCatalog all() {
        Map<String, PermissionGroup> groups = new LinkedHashMap<>();
        account.groups().forEach(group -> groups.put(group.id(), group));
        if (user != null) {
            user.groups().forEach(group -> groups.putIfAbsent(group.id(), group));
        }
        return PermissionGroupCatalog.of("live permission groups of account " + accountId, groups.values());
    }

    /**
     * Such as {@code 311 permission groups (305 for account-owned tokens, 6 more for user-owned tokens only)}.
     */
    String describe() {
        int all = all().size();
        String split = user == null
                ? account.size() + " for account-owned tokens; the user's groups could not be read with these"
                        + " credentials (" + userProblem + "), so user-scoped groups are missing"
                : account.size() + " for account-owned tokens, " + (all - account.size())
                        + " more for user-owned tokens only";
        return all + " permission groups (" + split + ")";
    }
}
