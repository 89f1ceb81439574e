package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenStatus;
import java.time.Instant;

/**
 * What {@code GET .../tokens/verify} says about the token the client authenticates with.
 *
 * @param id the token's id
 * @param status whether the token is active, disabled or expired
 * @param notBefore earliest validity, or null
 * @param expiresOn expiry, or null
 */
public record TokenVerification(String id, TokenStatus status, Instant notBefore, Instant expiresOn) {
    /**
     * Checks the components.
     *
     * @param id the token's id
     * @param status whether the token is active, disabled or expired
     * @param notBefore earliest validity, or null
     * @param expiresOn expiry, or null
     * @throws NullPointerException when {@code id} or {@code status} is null
     */
    public TokenVerification {
        requireNonNull(id, "id");
        requireNonNull(status, "status");
    }
}
