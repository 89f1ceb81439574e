package dev.cftokens.core.rules;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.catalog.PermissionGroup;
import dev.cftokens.core.catalog.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cloudflare's rule that a permission group applies only to resources of its own scope: account groups
 * to account keys, zone groups to zone keys, user groups to the user key, R2 bucket groups to bucket
 * keys. Within one policy every group needs a key of one of its scopes, and every key a group of its
 * scope; anything else grants nothing, or fails at Cloudflare.
 */
public final class PolicyScopes {
    private PolicyScopes() {}

    /**
     * The mismatches between one policy's groups and keys: first the groups (in the order given) that
     * have no key of their scopes, then the keys that have no group of their scope. Empty when they fit.
     * Duplicates are reported once.
     *
     * @param groups the policy's permission groups
     * @param keys the keys the policy grants on. For a nested policy ({@code within}, or {@code
     *     {"account": {"zone.*": "*"}}}) pass the nested keys, not the account key that holds them: a
     *     zone key nested under an account key is a zone resource, and the account key only says which
     *     account.
     * @return the mismatches, each with a message for the user
     */
    public static List<ScopeMismatch> check(Collection<PermissionGroup> groups, Collection<ResourceKey> keys) {
        requireNonNull(groups, "groups");
        requireNonNull(keys, "keys");
        Set<Scope> keyScopes = EnumSet.noneOf(Scope.class);
        keys.forEach(key -> keyScopes.add(key.scope()));
        Set<Scope> groupScopes = EnumSet.noneOf(Scope.class);
        groups.forEach(group -> groupScopes.addAll(group.scopes()));

        List<ScopeMismatch> mismatches = new ArrayList<>();
        for (PermissionGroup group : new LinkedHashSet<>(groups)) {
            if (group.scopes().stream().noneMatch(keyScopes::contains)) {
                mismatches.add(new ScopeMismatch(group, null, groupMessage(group, keyScopes)));
            }
        }
        for (ResourceKey key : new LinkedHashSet<>(keys)) {
            if (!groupScopes.contains(key.scope())) {
                mismatches.add(new ScopeMismatch(null, key, keyMessage(key, groupScopes)));
            }
        }
        return mismatches;
    }

    private static String groupMessage(PermissionGroup group, Set<Scope> keyScopes) {
        String named = "permission group \"" + group.name() + "\" (" + group.id() + ")";
        if (group.scopes().isEmpty()) {
            return named + " has no scope this version knows, so it applies to no resource key;"
                    + " refresh the permission-group catalog or drop the group";
        }
        EnumSet<Scope> scopes = EnumSet.copyOf(group.scopes());
        String examples = scopes.stream().map(PolicyScopes::keyShape).collect(Collectors.joining(" or "));
        return named + " applies to " + scopeWords(scopes, "or") + " resources, but the policy has "
                + (keyScopes.isEmpty() ? "no resource key" : "only " + scopeWords(keyScopes, "and") + " keys")
                + "; add a key such as " + examples + ", or move the group to a policy with one";
    }

    private static String keyMessage(ResourceKey key, Set<Scope> groupScopes) {
        String scope = key.scope().displayName();
        return "resource key \"" + key.key() + "\" is " + (key.scope() == Scope.ACCOUNT ? "an " : "a ") + scope
                + " resource, but "
                + (groupScopes.isEmpty()
                        ? "the policy has no permission group that applies to it"
                        : "the policy's permission groups apply only to " + scopeWords(groupScopes, "and")
                                + " resources")
                + "; add a permission group with scope " + key.scope().key() + ", or move the key to a policy with one";
    }

    private static String scopeWords(Set<Scope> scopes, String conjunction) {
        List<String> words = scopes.stream().sorted().map(Scope::displayName).collect(Collectors.toList());
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " " + conjunction + " "
                + words.get(words.size() - 1);
    }

    /**
     * The shape of a key of {@code scope} with its id spelled out, not a {@link ResourceKey#example}: these
     * messages also answer keys sent to the emulator, where a placeholder would be no key at all.
     */
    private static String keyShape(Scope scope) {
        switch (scope) {
            case ACCOUNT:
                return Scope.ACCOUNT.key() + ".<account id>";
            case ZONE:
                return Scope.ZONE.key() + ".<zone id>";
            case USER:
                return Scope.USER.key() + ".<user tag>";
            case R2_BUCKET:
                return Scope.R2_BUCKET.key() + ".<account id>_<jurisdiction>_<bucket>";
            default:
                throw new AssertionError(scope);
        }
    }
}
