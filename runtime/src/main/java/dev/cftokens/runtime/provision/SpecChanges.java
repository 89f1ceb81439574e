package dev.cftokens.runtime.provision;

import dev.cftokens.core.catalog.PermissionGroup;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.core.model.PermissionGroupRef;
import dev.cftokens.core.model.PolicyDeclaration;
import dev.cftokens.core.model.PolicySpec;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.rules.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What an update or a drift changes, one entry per differing field, from the listed token to the declared
 * one: {@code expires_on: 2030-12-31T23:59:59Z -> 2031-12-31T23:59:59Z}, {@code policies: + Analytics Read}.
 * Permission groups are named as the declaration names them, else as the bundled catalog does, else by id.
 */
final class SpecChanges {
    private final Map<String, String> groupNames = new HashMap<>();

    private SpecChanges(DesiredToken desired) {
        for (PolicyDeclaration policy : desired.declaration().policies()) {
            for (PermissionGroupRef group : policy.permissionGroups()) {
                groupNames.put(group.id(), group.name());
            }
        }
    }

    static List<String> of(PlannedChange change) {
        if (change.differences().isEmpty() || change.desired() == null || change.existing() == null) {
            return List.of();
        }
        DesiredToken desired = change.desired();
        TokenSpec before = desired.asDeclared(change.existing().spec());
        TokenSpec after = desired.spec();
        SpecChanges changes = new SpecChanges(desired);
        List<String> lines = new ArrayList<>();
        for (TokenField field : change.differences()) {
            switch (field) {
                case NAME -> lines.add("name: " + quoted(before.name()) + " -> " + quoted(after.name()));
                case POLICIES -> lines.add("policies: " + changes.policies(before.policies(), after.policies()));
                case CONDITION ->
                    lines.add("request_ip: " + condition(before.condition()) + " -> " + condition(after.condition()));
                case NOT_BEFORE ->
                    lines.add("not_before: " + time(before.notBefore()) + " -> " + time(after.notBefore()));
                case EXPIRES_ON ->
                    lines.add("expires_on: " + time(before.expiresOn()) + " -> " + time(after.expiresOn()));
                case STATUS ->
                    lines.add("status: " + change.existing().status().name().toLowerCase(Locale.ROOT) + " -> active");
            }
        }
        return lines;
    }

    /**
     * The groups and resources one changed policy gains and loses; for any other change, each policy
     * removed ({@code -}) and added ({@code +}).
     */
    private String policies(Set<PolicySpec> before, Set<PolicySpec> after) {
        List<PolicySpec> removed =
                before.stream().filter(policy -> !after.contains(policy)).collect(Collectors.toList());
        List<PolicySpec> added =
                after.stream().filter(policy -> !before.contains(policy)).collect(Collectors.toList());
        if (removed.size() == 1
                && added.size() == 1
                && removed.get(0).effect() == added.get(0).effect()) {
            PolicySpec old = removed.get(0);
            PolicySpec now = added.get(0);
            List<String> parts = new ArrayList<>();
            String groups = gainedAndLost(groupNames(now.permissionGroupIds()), groupNames(old.permissionGroupIds()));
            if (!groups.isEmpty()) {
                parts.add(groups);
            }
            String resources = gainedAndLost(grants(now.resources()), grants(old.resources()));
            if (!resources.isEmpty()) {
                parts.add("resources " + resources);
            }
            return String.join("; ", parts);
        }
        List<String> parts = new ArrayList<>();
        removed.stream().map(policy -> "- " + describe(policy)).sorted().forEach(parts::add);
        added.stream().map(policy -> "+ " + describe(policy)).sorted().forEach(parts::add);
        return String.join("; ", parts);
    }

    private String describe(PolicySpec policy) {
        return policy.effect().name().toLowerCase(Locale.ROOT) + " "
                + String.join(", ", groupNames(policy.permissionGroupIds())) + " on "
                + String.join(", ", grants(policy.resources()));
    }

    private Set<String> groupNames(Set<String> ids) {
        Set<String> names = new TreeSet<>();
        for (String id : ids) {
            names.add(groupNames.computeIfAbsent(id, SpecChanges::catalogName));
        }
        return names;
    }

    private static String catalogName(String id) {
        return PermissionGroupCatalog.bundled()
                .byId(id)
                .map(PermissionGroup::name)
                .orElse(id);
    }

    private static Set<String> grants(Set<ResourceGrant> grants) {
        Set<String> keys = new TreeSet<>();
        for (ResourceGrant grant : grants) {
            keys.add(
                    grant.nested().isEmpty()
                            ? grant.key()
                            : grant.key() + " {" + String.join(", ", new TreeSet<>(grant.nested())) + "}");
        }
        return keys;
    }

    /** {@code + a, + b, - c}: what {@code now} has that {@code old} lacks, then the reverse. */
    private static String gainedAndLost(Set<String> now, Set<String> old) {
        List<String> parts = new ArrayList<>();
        now.stream().filter(item -> !old.contains(item)).forEach(item -> parts.add("+ " + item));
        old.stream().filter(item -> !now.contains(item)).forEach(item -> parts.add("- " + item));
        return String.join(", ", parts);
    }

    private static String condition(RequestIpCondition condition) {
        if (condition.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (!condition.in().isEmpty()) {
            parts.add("in " + String.join(", ", new TreeSet<>(condition.in())));
        }
        if (!condition.notIn().isEmpty()) {
            parts.add("not_in " + String.join(", ", new TreeSet<>(condition.notIn())));
        }
        return String.join("; ", parts);
    }

    private static String time(Instant instant) {
        return instant == null ? "none" : Timestamps.format(instant);
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }
}
