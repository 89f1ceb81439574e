package dev.cftokens.runtime.internal.provision;

import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.runtime.provision.ExistingToken;
import dev.cftokens.runtime.state.PreviousGeneration;
import dev.cftokens.runtime.state.TokenRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * When a token's generations were issued and fall due: the one home of the rotation schedule's arithmetic
 * on records, shared by the planner and the live handles' in-process rotation.
 */
public final class Generations {
    private Generations() {}

    /**
     * {@return when the current generation was issued: as recorded, else as Cloudflare lists it; empty when
     * neither is known}
     *
     * @param record the declaration's record
     * @param listed the recorded token as listed, or null when it was not listed
     */
    public static Optional<Instant> issued(TokenRecord record, ExistingToken listed) {
        if (record.issuedAt() != null) {
            return Optional.of(record.issuedAt());
        }
        return Optional.ofNullable(listed == null ? null : listed.issuedOn());
    }

    /**
     * {@return when a previous generation is deleted at the latest, held or not: a whole period (a day when
     * the declaration no longer rotates) after its overlap ended, well before its own expiry}
     *
     * @param previous the previous generation
     * @param rotation the declaration's rotation, if it still rotates
     */
    public static Instant latestRetire(PreviousGeneration previous, Optional<RotationPolicy> rotation) {
        return previous.retireAt().plus(rotation.map(RotationPolicy::every).orElse(java.time.Duration.ofDays(1)));
    }

    /**
     * {@return whether the current generation has expired at {@code now}: Cloudflare lists it expired, or its
     * issue time plus the longest a generation lives has passed}
     *
     * @param policy the declaration's rotation
     * @param record the declaration's record
     * @param listed the recorded token as listed, or null when it was not listed
     * @param now the time to judge by
     */
    public static boolean expired(RotationPolicy policy, TokenRecord record, ExistingToken listed, Instant now) {
        if (listed != null && listed.status() == dev.cftokens.core.model.TokenStatus.EXPIRED) {
            return true;
        }
        return issued(record, listed)
                .map(issued -> !policy.expiresOn(issued).isAfter(now))
                .orElse(false);
    }

    /**
     * {@return whether the current generation is due for its successor at {@code now}; a generation of
     * unknown issue time is due, so it gets one that carries an expiry}
     *
     * @param policy the declaration's rotation
     * @param record the declaration's record
     * @param listed the recorded token as listed, or null when it was not listed
     * @param now the time to judge by
     */
    public static boolean due(RotationPolicy policy, TokenRecord record, ExistingToken listed, Instant now) {
        return issued(record, listed)
                .map(issued -> !policy.dueAt(issued).isAfter(now))
                .orElse(true);
    }
}
