package dev.cftokens.runtime.internal.provision;

import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.runtime.provision.ExistingToken;
import dev.cftokens.runtime.state.Holding;
import dev.cftokens.runtime.state.PreviousGeneration;
import dev.cftokens.runtime.state.TokenRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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
     * {@return whether a previous generation may be deleted now: its overlap is over, and it was revoked, or
     * no live handle holds it, or it has been retiring past {@link #latestRetire}}
     *
     * @param previous the previous generation
     * @param holders the live handles holding it
     * @param now the time to judge by
     * @param rotation the declaration's rotation, if it still rotates
     */
    public static boolean retirable(
            PreviousGeneration previous, List<String> holders, Instant now, Optional<RotationPolicy> rotation) {
        return previous.retiringAt(now)
                && (previous.revoked() || holders.isEmpty() || !now.isBefore(latestRetire(previous, rotation)));
    }

    /**
     * {@return the holdings that still count now, judged by the wall clock and not a run's (possibly moved)
     * clock: a holding says how recently a process was alive}
     *
     * @param holdings holdings as a store returns them, lapsed ones included
     */
    public static List<Holding> live(Collection<Holding> holdings) {
        Instant wall = Instant.now();
        return holdings.stream().filter(holding -> holding.liveAt(wall)).collect(Collectors.toList());
    }

    /**
     * {@return the names of the handles among {@code holdings} that hold {@code tokenId}, sorted}
     *
     * @param holdings the holdings to look through
     * @param tokenId a token of the declaration
     */
    public static List<String> holdersOf(Collection<Holding> holdings, String tokenId) {
        return holdings.stream()
                .filter(holding -> holding.tokenId().equals(tokenId))
                .map(Holding::holder)
                .sorted()
                .collect(Collectors.toList());
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
