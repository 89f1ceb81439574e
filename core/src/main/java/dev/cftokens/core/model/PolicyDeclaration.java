package dev.cftokens.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A policy as declared: permission groups with the names they were written as, and resource keys that
 * may still hold placeholders ({@code {account}}, {@code {zoneId}}, or the bare account key).
 *
 * @param effect whether the policy allows or denies
 * @param permissionGroups the groups, in declaration order
 * @param resources the resource keys, placeholders unresolved
 * @param within a parent account key the resources nest under, or empty for none
 */
public record PolicyDeclaration(
        PolicyEffect effect, List<PermissionGroupRef> permissionGroups, List<String> resources, String within) {
    /**
     * Copies the lists and reads a null {@code within} as none.
     *
     * @param effect whether the policy allows or denies
     * @param permissionGroups the groups, in declaration order
     * @param resources the resource keys, placeholders unresolved
     * @param within a parent account key the resources nest under; null or empty for none
     * @throws NullPointerException when {@code effect} or a list is null
     */
    public PolicyDeclaration {
        requireNonNull(effect, "effect");
        permissionGroups = List.copyOf(permissionGroups);
        resources = List.copyOf(resources);
        within = within == null ? "" : within;
    }

    /** {@return true when the resources nest under a parent account key} */
    public boolean hasWithin() {
        return !within.isEmpty();
    }
}
