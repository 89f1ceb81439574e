package dev.cftokens.runtime.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.PolicyDeclaration;
import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.core.model.TokenDeclaration;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.runtime.TokenProvisioner;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A declaration with its inputs and account filled in: the token a run wants to exist.
 *
 * @param provisioner the generated provisioner of the declaration
 * @param accountId the account the token is provisioned for; null for a user-owned token whose keys
 *     name no account
 * @param spec the token as it should exist, placeholders resolved
 * @param specHash {@link #hashOf the hash} of {@code spec}
 */
public record DesiredToken(TokenProvisioner<?> provisioner, String accountId, TokenSpec spec, String specHash) {
    /**
     * Checks the components.
     *
     * @param provisioner the generated provisioner of the declaration
     * @param accountId the account the token is provisioned for; null for a user-owned token whose keys name no account
     * @param spec the token as it should exist, placeholders resolved
     * @param specHash {@link #hashOf the hash} of {@code spec}
     * @throws NullPointerException when {@code provisioner}, {@code spec} or {@code specHash} is null
     */
    public DesiredToken {
        requireNonNull(provisioner, "provisioner");
        requireNonNull(spec, "spec");
        requireNonNull(specHash, "specHash");
    }

    /**
     * Resolves a provisioner's declaration. The account id is asked for only when the token needs one
     * (account-owned, or a key naming the account), so a user token never triggers account discovery.
     *
     * @param provisioner the provisioner whose declaration and inputs are resolved
     * @param accountId gives the account id, called at most once and only when needed
     * @return the token the run wants to exist
     */
    public static DesiredToken resolve(TokenProvisioner<?> provisioner, Supplier<String> accountId) {
        TokenDeclaration declaration = provisioner.declaration();
        String account = needsAccount(declaration) ? accountId.get() : null;
        TokenSpec spec = declaration.resolve(account, provisioner.inputs());
        return new DesiredToken(provisioner, account, spec, SpecHash.of(spec));
    }

    /**
     * {@return {@code sha256:<64 hex>} of {@code spec}'s canonical form, which a state records: equal specs
     * (policies, groups, resources and CIDRs compared as sets) hash alike in every JVM and run}
     *
     * @param spec the token spec, placeholders resolved
     */
    public static String hashOf(TokenSpec spec) {
        return SpecHash.of(spec);
    }

    /** {@return the logical id of the declaration} */
    public String declarationId() {
        return provisioner.declaration().id();
    }

    /** {@return whether the token lives under the account or the user} */
    public TokenOwner owner() {
        return provisioner.declaration().owner();
    }

    /** {@return how the token rotates itself, or empty when it does not} */
    public Optional<RotationPolicy> rotation() {
        return provisioner.declaration().rotation();
    }

    /**
     * {@return {@code listed} as its declaration sees it: a rotating token's generation carries an expiry of
     * its own, which no declaration names, so it is left out of every comparison}
     *
     * @param listed a listed token's spec
     */
    public TokenSpec asDeclared(TokenSpec listed) {
        return rotation().isEmpty() ? listed : withExpiry(listed, null);
    }

    /**
     * {@return the spec to create a generation issued at {@code issued} with: for a rotating token, the
     * declared spec with an expiry of {@code issued} + {@link RotationPolicy#maxLifetime()} in whole seconds,
     * so a generation the fleet forgets dies by itself; otherwise the declared spec}
     *
     * @param issued when the generation is created
     */
    public TokenSpec generationSpec(Instant issued) {
        return rotation()
                .map(policy -> withExpiry(spec, policy.expiresOn(issued)))
                .orElse(spec);
    }

    /**
     * {@return the spec an update of {@code existing} sends: the declared spec, keeping a rotating token's
     * generation expiry}
     *
     * @param existing the listed token the update changes
     */
    public TokenSpec specFor(ExistingToken existing) {
        return rotation().isEmpty() ? spec : withExpiry(spec, existing.spec().expiresOn());
    }

    private static TokenSpec withExpiry(TokenSpec spec, Instant expiresOn) {
        return new TokenSpec(spec.name(), spec.policies(), spec.condition(), spec.notBefore(), expiresOn);
    }

    /** {@return the declaration, placeholders unresolved} */
    public TokenDeclaration declaration() {
        return provisioner.declaration();
    }

    static boolean needsAccount(TokenDeclaration declaration) {
        if (declaration.owner() == TokenOwner.ACCOUNT) {
            return true;
        }
        for (PolicyDeclaration policy : declaration.policies()) {
            if (namesAccount(policy.within())) {
                return true;
            }
            for (String key : policy.resources()) {
                if (namesAccount(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean namesAccount(String key) {
        return key.equals(TokenDeclaration.ACCOUNT_KEY)
                || TokenDeclaration.placeholders(key).contains(TokenDeclaration.ACCOUNT_PLACEHOLDER);
    }
}
