package dev.cftokens.emulator.tokens;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.ResourceGrant;
import java.util.List;

/**
 * One policy of a stored token, in the order the caller sent its groups and resources.
 *
 * @param id the server-made policy id
 * @param effect whether it allows or denies
 * @param groups the permission groups, in the order sent
 * @param resources the resources, in the order sent
 */
public record StoredPolicy(String id, PolicyEffect effect, List<GrantedGroup> groups, List<ResourceGrant> resources) {
    /**
     * Copies the lists.
     *
     * @param id the server-made policy id
     * @param effect whether it allows or denies
     * @param groups the permission groups, in the order sent
     * @param resources the resources, in the order sent
     * @throws NullPointerException when any is null
     */
    public StoredPolicy {
        requireNonNull(id, "id");
        requireNonNull(effect, "effect");
        groups = List.copyOf(groups);
        resources = List.copyOf(resources);
    }
}
