package dev.cftokens.runtime.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.catalog.PermissionGroup;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.core.catalog.Scope;
import dev.cftokens.core.model.PermissionGroupRef;
import dev.cftokens.core.model.PolicyDeclaration;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.TokenDeclaration;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A provisioner written by hand, shaped like the generated ones, so the engine is tested without the
 * annotation processor.
 */
public final class HandMadeProvisioner implements TokenProvisioner<HandMadeProvisioner.TestToken> {
    /** The declaring interface of every hand-made provisioner. */
    public interface TestToken {}

    public static final PermissionGroup ZONE_READ = group("Zone Read", Scope.ZONE);
    public static final PermissionGroup ANALYTICS_READ = group("Analytics Read", Scope.ZONE);
    public static final PermissionGroup DNS_WRITE = group("DNS Write", Scope.ZONE);

    private final TokenDeclaration declaration;
    private final Map<String, String> inputs;

    public HandMadeProvisioner(TokenDeclaration declaration, Map<String, String> inputs) {
        this.declaration = requireNonNull(declaration, "declaration");
        this.inputs = Map.copyOf(inputs);
    }

    /** A read-only token on all zones of the provisioned account, named after its id. */
    public static HandMadeProvisioner zoneReader(String id) {
        return new HandMadeProvisioner(
                declaration(id, id, TokenOwner.ACCOUNT, List.of(ZONE_READ), RequestIpCondition.NONE, null), Map.of());
    }

    public static TokenDeclaration declaration(
            String id,
            String name,
            TokenOwner owner,
            List<PermissionGroup> groups,
            RequestIpCondition condition,
            Instant expiresOn) {
        List<PermissionGroupRef> refs = groups.stream()
                .map(group -> new PermissionGroupRef(group.id(), group.name()))
                .toList();
        PolicyDeclaration policy = new PolicyDeclaration(
                PolicyEffect.ALLOW, refs, List.of("com.cloudflare.api.account.zone.*"), TokenDeclaration.ACCOUNT_KEY);
        return new TokenDeclaration(id, name, owner, List.of(policy), condition, null, expiresOn, List.of());
    }

    private static PermissionGroup group(String name, Scope scope) {
        return PermissionGroupCatalog.bundled().byNameAndScope(name, scope).orElseThrow();
    }

    @Override
    public Class<TestToken> tokenType() {
        return TestToken.class;
    }

    @Override
    public TokenDeclaration declaration() {
        return declaration;
    }

    @Override
    public Map<String, String> inputs() {
        return inputs;
    }

    @Override
    public ProvisionedToken<TestToken> provision(Cloudflare cloudflare) {
        return Provisioning.with(cloudflare).provision(this);
    }
}
