package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The generation a rotation replaced: still valid, so instances that have not moved yet keep working, until
 * {@code retireAt}; after that it is retiring, and each run deletes it until Cloudflare confirms.
 *
 * @param tokenId Cloudflare's id of the previous generation's token
 * @param retireAt when its overlap ends and it may be deleted
 * @param revoked whether it was revoked ({@code rotate --now --revoke-previous}): deleted as soon as a run
 *     can, whoever still holds it, also when the run that revoked it was killed before the delete
 */
public record PreviousGeneration(String tokenId, Instant retireAt, boolean revoked) {
    /**
     * Checks the components.
     *
     * @param tokenId Cloudflare's id of the previous generation's token
     * @param retireAt when its overlap ends
     * @param revoked whether it was revoked
     * @throws NullPointerException when {@code tokenId} or {@code retireAt} is null
     */
    public PreviousGeneration {
        requireNonNull(tokenId, "tokenId");
        requireNonNull(retireAt, "retireAt");
        retireAt = retireAt.truncatedTo(ChronoUnit.SECONDS); // as the state file keeps it
    }

    /**
     * A previous generation that was not revoked.
     *
     * @param tokenId Cloudflare's id of the previous generation's token
     * @param retireAt when its overlap ends
     */
    public PreviousGeneration(String tokenId, Instant retireAt) {
        this(tokenId, retireAt, false);
    }

    /**
     * {@return whether the overlap has ended at {@code now}, so the token is retiring}
     *
     * @param now the time to judge by
     */
    public boolean retiringAt(Instant now) {
        return !retireAt.isAfter(now);
    }
}
