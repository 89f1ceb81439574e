package dev.cftokens.runtime.internal.provision;

import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.core.model.PermissionGroupRef;
import dev.cftokens.core.model.PolicyDeclaration;
import dev.cftokens.runtime.provision.DesiredToken;
import dev.cftokens.runtime.provision.ProvisioningException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Before the first write of a run: every permission group id a declaration was compiled with must still
 * be offered by the account. Cloudflare retires and adds groups; a stale compile-time catalog should
 * fail here, naming the group, rather than halfway through an apply.
 */
final class LivePermissionCheck {
    /** The command users run to refresh the compile-time catalog. */
    static final String REFRESH_COMMAND =
            "java -jar cftokens-cli.jar permission-groups --output permission-groups.json";

    private LivePermissionCheck() {}

    static void verify(Collection<DesiredToken> tokens, PermissionGroupCatalog live) {
        List<String> problems = new ArrayList<>();
        for (DesiredToken token : tokens) {
            for (PolicyDeclaration policy : token.declaration().policies()) {
                for (PermissionGroupRef group : policy.permissionGroups()) {
                    if (live.byId(group.id()).isEmpty()) {
                        problems.add("token " + token.declarationId() + ": permission group \"" + group.name()
                                + "\" (id " + group.id() + ") is not offered by this account any more");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ProvisioningException(String.join("\n", problems)
                    + "\nNothing was written. The catalog these declarations were compiled with is out of date:"
                    + " refresh it with `" + REFRESH_COMMAND + "`, compile with"
                    + " -Acftokens.catalog=permission-groups.json, and fix the declarations it then reports.");
        }
    }
}
