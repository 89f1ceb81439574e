package dev.cftokens.processor;

import dev.cftokens.core.catalog.PermissionGroup;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.core.catalog.Scope;
import dev.cftokens.core.model.PermissionGroupRef;
import dev.cftokens.core.model.PolicyDeclaration;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.rules.InvalidValueException;
import dev.cftokens.core.rules.KeyForm;
import dev.cftokens.core.rules.PolicyScopes;
import dev.cftokens.core.rules.ResourceKey;
import dev.cftokens.core.rules.ScopeMismatch;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Checks one {@code @Policy}: its resource keys against Cloudflare's grammar, its permission-group names
 * against the catalog (a name several scopes share resolves by the policy's resources), every group
 * against a resource of its scope and back, and the token's owner against both.
 */
final class PolicyValidator {
    private final PermissionGroupCatalog catalog;
    private final PermissionGroupSuggestions suggestions;

    PolicyValidator(PermissionGroupCatalog catalog, PermissionGroupSuggestions suggestions) {
        this.catalog = catalog;
        this.suggestions = suggestions;
    }

    /**
     * The policy as core declares it, or empty when it has errors (reported). Every key that parsed is added to
     * {@code keys} so the token can match placeholders with inputs.
     */
    Optional<PolicyDeclaration> validate(
            AnnotationAttributes policy, TokenOwner owner, Reporter reporter, List<LocatedKey> keys) {
        int errorsBefore = reporter.errorCount();
        PolicyEffect effect = PolicyEffect.valueOf(policy.enumConstant("effect"));

        List<AnnotatedString> resources = policy.strings("resources");
        if (resources.isEmpty()) {
            reporter.report(Message.NO_RESOURCES, policy.location("resources"));
        }
        Map<ResourceKey, Location> parsed = new LinkedHashMap<>();
        boolean allParsed = true;
        for (AnnotatedString resource : resources) {
            Optional<ResourceKey> key = parse(resource, Message.INVALID_RESOURCE_KEY, reporter);
            if (key.isEmpty()) {
                allParsed = false;
            } else if (parsed.containsKey(key.get())) {
                reporter.report(Message.DUPLICATE_RESOURCE, resource.location(), resource.value());
            } else {
                parsed.put(key.get(), resource.location());
                keys.add(new LocatedKey(key.get(), resource.location()));
            }
        }
        allParsed &= checkNesting(policy, parsed, reporter, keys);

        Set<Scope> resourceScopes = EnumSet.noneOf(Scope.class);
        parsed.keySet().forEach(key -> resourceScopes.add(key.scope()));
        Map<PermissionGroup, AnnotatedString> groups = resolveGroups(policy, resourceScopes, allParsed, reporter);

        if (reporter.errorCount() == errorsBefore && checkOwner(owner, groups, parsed, reporter)) {
            for (ScopeMismatch mismatch : PolicyScopes.check(groups.keySet(), parsed.keySet())) {
                Location at =
                        mismatch.group() != null ? groups.get(mismatch.group()).location() : parsed.get(mismatch.key());
                reporter.report(Message.SCOPE_MISMATCH, at, mismatch.message());
            }
        }
        if (reporter.errorCount() != errorsBefore) {
            return Optional.empty();
        }
        List<PermissionGroupRef> refs = new ArrayList<>();
        groups.forEach((group, written) -> refs.add(new PermissionGroupRef(group.id(), written.value())));
        List<String> declaredKeys = new ArrayList<>();
        parsed.keySet().forEach(key -> declaredKeys.add(key.key()));
        return Optional.of(new PolicyDeclaration(
                effect, refs, declaredKeys, policy.string("within").value()));
    }

    /** {@code within}: one account key holding the resources; without it, every key must stand alone. */
    private boolean checkNesting(
            AnnotationAttributes policy, Map<ResourceKey, Location> parsed, Reporter reporter, List<LocatedKey> keys) {
        AnnotatedString within = policy.string("within");
        if (within.value().isEmpty()) {
            boolean valid = true;
            for (Map.Entry<ResourceKey, Location> entry : parsed.entrySet()) {
                try {
                    ResourceKey.checkTopLevel(entry.getKey());
                } catch (InvalidValueException e) {
                    reporter.report(Message.INVALID_RESOURCE_KEY, entry.getValue(), e.getMessage());
                    valid = false;
                }
            }
            return valid;
        }
        Optional<ResourceKey> parent = parse(within, Message.INVALID_WITHIN, reporter);
        if (parent.isEmpty()) {
            return false;
        }
        keys.add(new LocatedKey(parent.get(), within.location()));
        for (Map.Entry<ResourceKey, Location> entry : parsed.entrySet()) {
            try {
                ResourceKey.checkNested(parent.get(), entry.getKey());
            } catch (InvalidValueException e) {
                // The parent is wrong for every child: say so once, on within.
                boolean parentIsWrong = e.value().equals(parent.get().key());
                reporter.report(
                        Message.INVALID_WITHIN, parentIsWrong ? within.location() : entry.getValue(), e.getMessage());
                if (parentIsWrong) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Optional<ResourceKey> parse(AnnotatedString key, Message message, Reporter reporter) {
        try {
            return Optional.of(ResourceKey.parse(key.value(), KeyForm.DECLARED));
        } catch (InvalidValueException e) {
            reporter.report(message, key.location(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Each name to its catalog group. A name several scopes share picks the scope of the policy's
     * resources; {@code scopesKnown} is false when some key did not parse, and then such a name is left
     * unresolved rather than blamed for a key's mistake.
     */
    private Map<PermissionGroup, AnnotatedString> resolveGroups(
            AnnotationAttributes policy, Set<Scope> resourceScopes, boolean scopesKnown, Reporter reporter) {
        List<AnnotatedString> names = policy.strings("permissionGroups");
        if (names.isEmpty()) {
            reporter.report(Message.NO_PERMISSION_GROUPS, policy.location("permissionGroups"));
        }
        Map<PermissionGroup, AnnotatedString> groups = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (AnnotatedString name : names) {
            if (!seen.add(name.value())) {
                reporter.report(Message.DUPLICATE_PERMISSION_GROUP, name.location(), name.value());
                continue;
            }
            List<PermissionGroup> candidates = catalog.byName(name.value());
            if (candidates.isEmpty()) {
                reportUnknown(name, reporter);
            } else if (candidates.size() == 1) {
                groups.put(candidates.get(0), name);
            } else if (scopesKnown) {
                List<PermissionGroup> matching = new ArrayList<>();
                for (PermissionGroup candidate : candidates) {
                    if (candidate.scopes().stream().anyMatch(resourceScopes::contains)) {
                        matching.add(candidate);
                    }
                }
                if (matching.size() == 1) {
                    groups.put(matching.get(0), name);
                } else if (matching.isEmpty()) {
                    Scope example = candidates.get(0).scopes().iterator().next();
                    reporter.report(
                            Message.GROUP_WITHOUT_RESOURCE,
                            name.location(),
                            name.value(),
                            describeScopes(candidates),
                            ResourceKey.example(example));
                } else {
                    reporter.report(
                            Message.AMBIGUOUS_PERMISSION_GROUP,
                            name.location(),
                            name.value(),
                            describeIds(matching),
                            describeScopes(matching));
                }
            }
        }
        return groups;
    }

    /** Owner rules: a user token takes only user groups and the user key; an account token no user group. */
    private boolean checkOwner(
            TokenOwner owner,
            Map<PermissionGroup, AnnotatedString> groups,
            Map<ResourceKey, Location> keys,
            Reporter reporter) {
        boolean valid = true;
        for (Map.Entry<PermissionGroup, AnnotatedString> entry : groups.entrySet()) {
            boolean userGroup = entry.getKey().hasScope(Scope.USER);
            if (owner == TokenOwner.USER && !userGroup) {
                reporter.report(
                        Message.USER_TOKEN_GROUP,
                        entry.getValue().location(),
                        entry.getValue().value(),
                        userGroups());
                valid = false;
            } else if (owner == TokenOwner.ACCOUNT && userGroup) {
                reporter.report(
                        Message.ACCOUNT_TOKEN_USER_GROUP,
                        entry.getValue().location(),
                        entry.getValue().value());
                valid = false;
            }
        }
        if (owner == TokenOwner.USER) {
            for (Map.Entry<ResourceKey, Location> entry : keys.entrySet()) {
                if (entry.getKey().scope() != Scope.USER) {
                    reporter.report(
                            Message.USER_TOKEN_RESOURCE,
                            entry.getValue(),
                            entry.getKey().key(),
                            ResourceKey.example(Scope.USER));
                    valid = false;
                }
            }
        }
        return valid;
    }

    private void reportUnknown(AnnotatedString name, Reporter reporter) {
        List<String> close = suggestions.suggest(name.value());
        if (close.isEmpty()) {
            reporter.report(
                    Message.UNKNOWN_PERMISSION_GROUP_NOTHING_CLOSE, name.location(), name.value(), catalog.source());
        } else {
            reporter.report(
                    Message.UNKNOWN_PERMISSION_GROUP, name.location(), name.value(), String.join("\" or \"", close));
        }
    }

    private String userGroups() {
        StringJoiner names = new StringJoiner(", ");
        for (PermissionGroup group : catalog.groups()) {
            if (group.hasScope(Scope.USER)) {
                names.add("\"" + group.name() + "\"");
            }
        }
        return names.toString();
    }

    private static String describeScopes(List<PermissionGroup> groups) {
        StringJoiner scopes = new StringJoiner(" or ");
        for (PermissionGroup group : groups) {
            group.scopes().stream().sorted().forEach(scope -> scopes.add(scope.displayName()));
        }
        return scopes.toString();
    }

    private static String describeIds(List<PermissionGroup> groups) {
        StringJoiner ids = new StringJoiner(", ");
        for (PermissionGroup group : groups) {
            StringJoiner scopes = new StringJoiner("/");
            group.scopes().stream().sorted().forEach(scope -> scopes.add(scope.displayName()));
            ids.add(scopes + " " + group.id());
        }
        return ids.toString();
    }
}
