package dev.cftokens.core.rules;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.catalog.PermissionGroup;

/**
 * One way a policy's permission groups and resource keys fail to fit together: either a group that no
 * key of its scope gives something to act on ({@link #group()} set, {@link #key()} null), or a key that
 * no group of its scope applies to ({@link #key()} set, {@link #group()} null).
 *
 * @param group the group without a resource of its scope, or null for a key mismatch
 * @param key the key without a group of its scope, or null for a group mismatch
 * @param message what is wrong and how to fix it, naming the group or key
 */
public record ScopeMismatch(PermissionGroup group, ResourceKey key, String message) {
    /**
     * Checks the components.
     *
     * @param group the group without a resource of its scope, or null for a key mismatch
     * @param key the key without a group of its scope, or null for a group mismatch
     * @param message what is wrong and how to fix it, naming the group or key
     * @throws IllegalArgumentException unless exactly one of {@code group} and {@code key} is given
     */
    public ScopeMismatch {
        if ((group == null) == (key == null)) {
            throw new IllegalArgumentException("exactly one of group and key must be given");
        }
        requireNonNull(message, "message");
    }

    /** {@return true for a group without a resource of its scope} */
    public boolean isGroupMismatch() {
        return group != null;
    }

    /** {@return true for a key without a group of its scope} */
    public boolean isKeyMismatch() {
        return key != null;
    }
}
