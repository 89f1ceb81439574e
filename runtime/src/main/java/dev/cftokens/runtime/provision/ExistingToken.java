package dev.cftokens.runtime.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.model.TokenStatus;
import java.time.Instant;

/**
 * A token as the API lists it: what the planner compares the desired token with.
 *
 * @param issuedOn when it was created, or null when Cloudflare did not say
 */
public record ExistingToken(String id, TokenOwner owner, TokenSpec spec, TokenStatus status, Instant issuedOn) {
    public ExistingToken {
        requireNonNull(id, "id");
        requireNonNull(owner, "owner");
        requireNonNull(spec, "spec");
        requireNonNull(status, "status");
    }

    /** A token whose creation time is not known. */
    public ExistingToken(String id, TokenOwner owner, TokenSpec spec, TokenStatus status) {
        this(id, owner, spec, status, null);
    }
}
