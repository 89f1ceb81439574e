package dev.cftokens.runtime.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.model.TokenStatus;
import java.time.Instant;

/**
 * A token as the API lists it (under the owner whose tokens were listed): what the planner compares the
 * desired token with.
 *
 * @param id Cloudflare's id of the token
 * @param spec what the token grants
 * @param status whether it is active, disabled or expired
 * @param issuedOn when it was created, or null when Cloudflare did not say
 */
public record ExistingToken(String id, TokenSpec spec, TokenStatus status, Instant issuedOn) {
    /**
     * Checks the components.
     *
     * @param id Cloudflare's id of the token
     * @param spec what the token grants
     * @param status whether it is active, disabled or expired
     * @param issuedOn when it was created, or null when Cloudflare did not say
     * @throws NullPointerException when {@code id}, {@code spec} or {@code status} is null
     */
    public ExistingToken {
        requireNonNull(id, "id");
        requireNonNull(spec, "spec");
        requireNonNull(status, "status");
    }

    /**
     * A token whose creation time is not known.
     *
     * @param id Cloudflare's id of the token
     * @param spec what the token grants
     * @param status whether it is active, disabled or expired
     */
    public ExistingToken(String id, TokenSpec spec, TokenStatus status) {
        this(id, spec, status, null);
    }
}
