package dev.cftokens.runtime.provision;

import java.util.Set;

/**
 * Rotations a run makes besides the due ones: {@code rotate --now}, and with {@code --revoke-previous} the
 * generation replaced deleted at once, as for a leaked token.
 *
 * @param now the declaration ids to rotate whether or not they are due
 * @param revokePrevious delete the generation each of {@code now} replaces as soon as the successor is
 *     recorded, instead of keeping it for the overlap
 */
public record RotationRequest(Set<String> now, boolean revokePrevious) {
    /** Only the due rotations, each keeping its previous generation for the overlap. */
    public static final RotationRequest DUE = new RotationRequest(Set.of(), false);

    /**
     * Copies the ids.
     *
     * @param now the declaration ids to rotate whether or not they are due
     * @param revokePrevious delete the replaced generations at once
     * @throws IllegalArgumentException when previous generations are to be revoked but no id is named
     */
    public RotationRequest {
        now = Set.copyOf(now);
        if (revokePrevious && now.isEmpty()) {
            throw new IllegalArgumentException("revoking the previous generation needs the ids to rotate now");
        }
    }

    /**
     * {@return whether {@code declarationId} is rotated now, due or not}
     *
     * @param declarationId the declaration id
     */
    public boolean forces(String declarationId) {
        return now.contains(declarationId);
    }
}
