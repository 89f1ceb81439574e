package dev.cftokens.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A policy as declared: permission groups with the names they were written as, and resource keys that
 * may still hold placeholders ({@code {account}}, {@code {zoneId}}, or the bare account key).
 *
 * @param within a parent account key the resources nest under, or empty for none
 */
public record PolicyDeclaration(
        PolicyEffect effect, List<PermissionGroupRef> permissionGroups, List<String> resources, String within) {
    public PolicyDeclaration {
        requireNonNull(effect, "effect");
        permissionGroups = List.copyOf(permissionGroups);
        resources = List.copyOf(resources);
        within = within == null ? "" : within;
    }

    public boolean hasWithin() {
        return !within.isEmpty();
    }
}
