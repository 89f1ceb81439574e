package dev.cftokens.emulator.tokens;

import static java.util.Objects.requireNonNull;

/**
 * A permission group in a stored policy: its id and the optional {@code meta} {key, value} the caller sent
 * (null when none). The name is not stored: responses take it from the catalog.
 */
public record GrantedGroup(String id, String metaKey, String metaValue) {
    public GrantedGroup {
        requireNonNull(id, "id");
    }
}
