package dev.cftokens.processor;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.PermissionGroupRef;
import dev.cftokens.core.model.PolicyEffect;
import java.util.List;

/**
 * One validated {@code @Policy}: groups with their resolved ids, resource keys as declared (placeholders
 * kept; the runtime fills them), and the parent key they nest under or "" for none.
 */
record PolicyModel(PolicyEffect effect, List<PermissionGroupRef> groups, List<String> resources, String within) {
    PolicyModel {
        requireNonNull(effect, "effect");
        groups = List.copyOf(groups);
        resources = List.copyOf(resources);
        requireNonNull(within, "within");
    }
}
