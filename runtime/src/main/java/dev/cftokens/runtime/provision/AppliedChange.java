package dev.cftokens.runtime.provision;

import static java.util.Objects.requireNonNull;

/**
 * What an apply did for one declaration.
 *
 * @param kind what the apply did
 * @param declarationId the declaration's id, or a leftover's label
 * @param tokenId the token now recorded for the declaration, or null after a delete
 * @param rolled true when the token's value was rolled because the caller needed it and the state did
 *     not hold it
 */
public record AppliedChange(ChangeKind kind, String declarationId, String tokenId, boolean rolled) {
    /**
     * Checks the components.
     *
     * @param kind what the apply did
     * @param declarationId the declaration's id, or a leftover's label
     * @param tokenId the token now recorded for the declaration, or null after a delete
     * @param rolled true when the token's value was rolled because it was needed and not stored
     * @throws NullPointerException when {@code kind} or {@code declarationId} is null
     */
    public AppliedChange {
        requireNonNull(kind, "kind");
        requireNonNull(declarationId, "declarationId");
    }
}
