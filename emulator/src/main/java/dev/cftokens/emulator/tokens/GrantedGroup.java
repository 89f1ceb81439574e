package dev.cftokens.emulator.tokens;

import static java.util.Objects.requireNonNull;

/**
 * A permission group in a stored policy: its id and the optional {@code meta} {key, value} the caller sent
 * (null when none). The name is not stored: responses take it from the catalog.
 *
 * @param id the group's 32-hex id
 * @param metaKey the {@code meta} key the caller sent, or null
 * @param metaValue the {@code meta} value the caller sent, or null
 */
public record GrantedGroup(String id, String metaKey, String metaValue) {
    /**
     * Checks the components.
     *
     * @param id the group's 32-hex id
     * @param metaKey the {@code meta} key the caller sent, or null
     * @param metaValue the {@code meta} value the caller sent, or null
     * @throws NullPointerException when {@code id} is null
     */
    public GrantedGroup {
        requireNonNull(id, "id");
    }
}
