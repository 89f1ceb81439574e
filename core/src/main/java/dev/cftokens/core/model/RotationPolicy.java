package dev.cftokens.core.model;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.rules.RotationRules;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How a token rotates itself, as {@code @Rotation} declares it: a successor every {@code every}, the
 * previous generation valid for {@code overlap} after it.
 *
 * @param every the period between generations, at least one minute
 * @param overlap how long the previous generation stays valid after its successor is current; more than
 *     zero and shorter than {@code every}
 */
public record RotationPolicy(Duration every, Duration overlap) {
    /**
     * Checks the schedule with {@link RotationRules}, as the processor does at compile time.
     *
     * @param every the period between generations
     * @param overlap how long the previous generation stays valid
     * @throws dev.cftokens.core.rules.InvalidValueException when a bound is broken
     */
    public RotationPolicy {
        requireNonNull(every, "every");
        requireNonNull(overlap, "overlap");
        RotationRules.checkEvery(every);
        RotationRules.checkOverlap(overlap, every);
    }

    /**
     * Reads a schedule written as ISO-8601 durations, such as {@code ("P30D", "P2D")}.
     *
     * @param every the period as written
     * @param overlap the overlap as written
     * @return the policy
     * @throws dev.cftokens.core.rules.InvalidValueException naming the value that is wrong
     */
    public static RotationPolicy parse(String every, String overlap) {
        return new RotationPolicy(RotationRules.parse("every", every), RotationRules.parse("overlap", overlap));
    }

    /** {@return the longest a generation may live: {@code 2 × every + overlap}, its expires_on after issue} */
    public Duration maxLifetime() {
        return RotationRules.maxLifetime(every, overlap);
    }

    /**
     * {@return the Cloudflare {@code expires_on} of a generation issued at {@code issuedOn}, in whole
     * seconds as Cloudflare's timestamps are}
     *
     * @param issuedOn when the generation was created
     */
    public Instant expiresOn(Instant issuedOn) {
        return issuedOn.plus(maxLifetime()).truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * {@return when a generation issued at {@code issuedOn} is due for its successor}
     *
     * @param issuedOn when the generation was created
     */
    public Instant dueAt(Instant issuedOn) {
        return issuedOn.plus(every);
    }

    @Override
    public String toString() {
        return "every " + RotationRules.format(every) + ", overlap " + RotationRules.format(overlap);
    }
}
