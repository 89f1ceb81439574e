package dev.cftokens.core.rules;

import static dev.cftokens.core.rules.Subject.quote;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The rules of a rotating token's schedule ({@code @Rotation(every, overlap)}): ISO-8601 durations in
 * {@code java.time.Duration} syntax, a period of at least a minute, an overlap above zero and shorter than
 * the period, and no fixed expiry beside them. The processor and the declaration model (so the runtime)
 * check through here.
 */
public final class RotationRules {
    /** The shortest period: a rotation costs a create and a delete, so more often would spend the rate limit. */
    public static final Duration MIN_EVERY = Duration.ofMinutes(1);

    /**
     * The longest period, 100 years: it keeps a generation's expiry ({@code issued + 2 × every + overlap}) a
     * timestamp Cloudflare can hold (before year 9999) for any token issued now.
     */
    public static final Duration MAX_EVERY = Duration.ofDays(36_500);

    private static final String EXAMPLES =
            "write one such as \"P30D\" (30 days), \"PT12H\" (12 hours) or \"PT90M\"" + " (90 minutes)";

    private RotationRules() {}

    /**
     * Reads one attribute of a rotation as a {@link Duration}. Whole days ({@code P30D}, 30 × 24 hours)
     * are taken; months and years are not, having no fixed length.
     *
     * @param attribute the attribute's name, {@code every} or {@code overlap}, for the message
     * @param text the duration as written
     * @return the duration
     * @throws InvalidValueException naming the attribute and the value, with examples of right ones
     */
    public static Duration parse(String attribute, String text) {
        requireNonNull(attribute, "attribute");
        requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new InvalidValueException(text, "rotation " + attribute + " \"\" is empty; " + EXAMPLES);
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(
                    text, "rotation " + attribute + " " + quote(text) + " is not an ISO-8601 duration; " + EXAMPLES);
        }
    }

    /**
     * Checks the period between generations: from {@link #MIN_EVERY} to {@link #MAX_EVERY}.
     *
     * @param every the period
     * @return {@code every}
     * @throws InvalidValueException saying which bound is broken and what would be right
     */
    public static Duration checkEvery(Duration every) {
        return checkEvery(format(requireNonNull(every, "every")), every);
    }

    /**
     * Checks the period between generations, naming it as it was written.
     *
     * @param written the period as written, such as {@code PT720H}
     * @param every the period
     * @return {@code every}
     * @throws InvalidValueException saying which bound is broken and what would be right
     */
    public static Duration checkEvery(String written, Duration every) {
        requireNonNull(written, "written");
        requireNonNull(every, "every");
        String shown = quote(written);
        if (every.compareTo(MIN_EVERY) < 0) {
            throw new InvalidValueException(
                    written,
                    "rotation every " + shown + " is shorter than one minute; rotate at most once a minute"
                            + " (every = \"PT1M\"), better every few days or weeks, such as every = \"P30D\"");
        }
        if (every.compareTo(MAX_EVERY) > 0) {
            throw new InvalidValueException(
                    written,
                    "rotation every " + shown + " is longer than 100 years; write " + quote(format(MAX_EVERY))
                            + " or less, or drop @Rotation for a token that never rotates");
        }
        return every;
    }

    /**
     * Checks how long a previous generation stays valid after its successor: more than zero (holders need
     * time to move to the successor) and shorter than the period (else more than two generations would live).
     *
     * @param overlap the overlap
     * @param every the period it must be shorter than
     * @return {@code overlap}
     * @throws InvalidValueException saying which bound is broken and what would be right
     */
    public static Duration checkOverlap(Duration overlap, Duration every) {
        return checkOverlap(
                format(requireNonNull(overlap, "overlap")), overlap, format(requireNonNull(every, "every")), every);
    }

    /**
     * Checks the overlap, naming it and the period as they were written.
     *
     * @param written the overlap as written
     * @param overlap the overlap
     * @param writtenEvery the period as written
     * @param every the period it must be shorter than
     * @return {@code overlap}
     * @throws InvalidValueException saying which bound is broken and what would be right
     */
    public static Duration checkOverlap(String written, Duration overlap, String writtenEvery, Duration every) {
        requireNonNull(written, "written");
        requireNonNull(overlap, "overlap");
        requireNonNull(writtenEvery, "writtenEvery");
        requireNonNull(every, "every");
        String shown = quote(written);
        if (overlap.isZero() || overlap.isNegative()) {
            throw new InvalidValueException(
                    written,
                    "rotation overlap " + shown + " is not greater than zero; the previous generation must stay valid"
                            + " while its holders move to the successor. Write a positive overlap, such as"
                            + " overlap = \"P2D\"");
        }
        if (overlap.compareTo(every) >= 0) {
            throw new InvalidValueException(
                    written,
                    "rotation overlap " + shown + " is not shorter than every " + quote(writtenEvery)
                            + "; a successor would come before its predecessor retired, so more than two"
                            + " generations would be live. Write an overlap shorter than " + quote(writtenEvery));
        }
        return overlap;
    }

    /**
     * Checks that a rotating token has no fixed expiry.
     *
     * @param expiresOn the declared fixed expiry, or null for none
     * @throws InvalidValueException naming the date and saying why
     */
    public static void checkNoFixedExpiry(Instant expiresOn) {
        if (expiresOn == null) {
            return;
        }
        String text = expiresOn.toString();
        throw new InvalidValueException(
                text,
                "expiresOn " + quote(text) + " cannot be combined with @Rotation: each generation of a rotating token"
                        + " gets its own expiry (its issue time + 2 x every + overlap), and one fixed date would"
                        + " end every generation at once. Remove expiresOn, or @Rotation");
    }

    /**
     * The longest a generation may live (its Cloudflare {@code expires_on} after its issue time): it is due
     * after {@code every}, its successor may be a whole period late, and it then stays valid for {@code
     * overlap}.
     *
     * @param every the period
     * @param overlap the overlap
     * @return {@code 2 × every + overlap}
     */
    public static Duration maxLifetime(Duration every, Duration overlap) {
        return every.multipliedBy(2).plus(overlap);
    }

    /**
     * A duration as a declaration would write it: whole days as {@code P30D}, anything else as {@link
     * Duration#toString()} ({@code PT36H}); {@link Duration#parse} reads either back.
     *
     * @param duration the duration
     * @return its text
     */
    public static String format(Duration duration) {
        requireNonNull(duration, "duration");
        if (!duration.isZero() && duration.getNano() == 0 && duration.getSeconds() % 86_400 == 0) {
            return "P" + duration.toDays() + "D";
        }
        return duration.toString();
    }
}
