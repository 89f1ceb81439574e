package dev.cftokens.core.rules;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The timestamps of {@code not_before} and {@code expires_on}: RFC 3339 in UTC, whole seconds, ending
 * in {@code Z}, such as {@code 2024-12-31T23:59:59Z}, as Cloudflare documents them.
 *
 * <p>{@link #parse} is strict where Cloudflare's behaviour is unknown: fractional seconds, UTC
 * offsets (even {@code +00:00}), lower-case {@code t}/{@code z}, leap seconds and hour 24 are rejected,
 * each with the accepted spelling as the hint when there is one, so a declared time is sent and
 * compared exactly as written.
 */
public final class Timestamps {
    private static final String EXAMPLE = "2024-12-31T23:59:59Z";
    private static final String SHAPE = "write UTC in whole seconds ending in Z, such as " + EXAMPLE;
    private static final Pattern STRICT = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})Z");
    private static final Pattern FRACTION = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\.\\d+Z");
    private static final Pattern OFFSET =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?[+-]\\d{2}:\\d{2}");
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NO_ZONE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");

    private Timestamps() {}

    /**
     * Reads {@code text} as a UTC timestamp such as {@code 2024-12-31T23:59:59Z}.
     *
     * @param text the timestamp as written
     * @return the instant
     * @throws InvalidValueException saying what is wrong and what to write instead
     */
    public static Instant parse(String text) {
        requireNonNull(text, "text");
        Subject subject = new Subject("timestamp", text);
        Matcher strict = STRICT.matcher(text);
        if (strict.matches()) {
            return checkFields(text, subject, strict);
        }
        if (text.isEmpty()) {
            throw new InvalidValueException(text, "timestamp is empty; " + SHAPE);
        }
        if (!text.strip().equals(text)) {
            throw new InvalidValueException(
                    text, subject + " has leading or trailing whitespace;" + suggestion(text.strip()));
        }
        Matcher fraction = FRACTION.matcher(text);
        if (fraction.matches()) {
            throw new InvalidValueException(
                    text,
                    subject + " has fractional seconds; Cloudflare takes whole seconds:"
                            + suggestion(fraction.group(1) + "Z"));
        }
        if (OFFSET.matcher(text).matches()) {
            String inUtc = null;
            try {
                inUtc = format(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeException | IllegalArgumentException unreadable) {
                // An impossible date or offset: the general shape is the best hint.
            }
            throw new InvalidValueException(
                    text,
                    subject + " has a UTC offset; Cloudflare takes UTC ending in Z"
                            + (inUtc == null ? ", such as " + EXAMPLE : ": write " + inUtc));
        }
        if (DATE_ONLY.matcher(text).matches()) {
            throw new InvalidValueException(text, subject + " has no time of day;" + suggestion(text + "T00:00:00Z"));
        }
        if (NO_ZONE.matcher(text).matches()) {
            throw new InvalidValueException(
                    text, subject + " does not end in Z; Cloudflare takes UTC:" + suggestion(text + "Z"));
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (STRICT.matcher(upper).matches()) {
            throw new InvalidValueException(text, subject + " has a lower-case t or z;" + suggestion(upper));
        }
        String tee = text.replace(' ', 'T');
        if (!tee.equals(text) && STRICT.matcher(tee).matches()) {
            throw new InvalidValueException(
                    text, subject + " separates date and time with a space, not T;" + suggestion(tee));
        }
        throw new InvalidValueException(text, subject + " is not an RFC 3339 UTC timestamp; " + SHAPE);
    }

    /**
     * {@code instant} as Cloudflare writes timestamps, in whole seconds (a fraction is dropped, as
     * Cloudflare's own timestamps carry none).
     *
     * @param instant the instant
     * @return such as {@code 2024-12-31T23:59:59Z}
     * @throws IllegalArgumentException for an instant outside the years 0000 to 9999
     */
    public static String format(Instant instant) {
        requireNonNull(instant, "instant");
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("instant " + instant + " is outside the years 0000 to 9999");
        }
        // By hand rather than through DateTimeFormatter, whose first use costs a cold JVM some 10 ms.
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(EXAMPLE.length());
        digits(text, year, 4).append('-');
        digits(text, time.getMonthValue(), 2).append('-');
        digits(text, time.getDayOfMonth(), 2).append('T');
        digits(text, time.getHour(), 2).append(':');
        digits(text, time.getMinute(), 2).append(':');
        return digits(text, time.getSecond(), 2).append('Z').toString();
    }

    /**
     * Whether {@code text} has the one shape {@link #parse} takes, such as {@code 2024-12-31T23:59:59Z}: a
     * reader of timestamps that may come in other shapes too reads this one through {@link #parse}.
     *
     * @param text the text
     * @return true for four-digit year, two-digit fields, {@code T} and {@code Z}
     */
    public static boolean isWholeSecondUtc(String text) {
        return STRICT.matcher(text).matches();
    }

    private static StringBuilder digits(StringBuilder text, int value, int width) {
        String number = Integer.toString(value);
        for (int pad = number.length(); pad < width; pad++) {
            text.append('0');
        }
        return text.append(number);
    }

    /**
     * Checks that a token with both bounds becomes valid before it expires (Cloudflare does not document
     * this rule; an empty or inverted window can only be a mistake). Null means no bound.
     *
     * @param notBefore earliest validity, or null
     * @param expiresOn expiry, or null
     * @throws InvalidValueException on {@code expiresOn}, naming both times
     */
    public static void checkValidityWindow(Instant notBefore, Instant expiresOn) {
        if (notBefore != null && expiresOn != null && !expiresOn.isAfter(notBefore)) {
            String expires = format(expiresOn);
            throw new InvalidValueException(
                    expires,
                    "expires_on " + expires
                            + (expiresOn.equals(notBefore) ? " is the same time as" : " is before") + " not_before "
                            + format(notBefore) + "; a token must expire after it becomes valid");
        }
    }

    private static Instant checkFields(String text, Object subject, Matcher fields) {
        int year = Integer.parseInt(fields.group(1));
        int month = Integer.parseInt(fields.group(2));
        int day = Integer.parseInt(fields.group(3));
        int hour = Integer.parseInt(fields.group(4));
        int minute = Integer.parseInt(fields.group(5));
        int second = Integer.parseInt(fields.group(6));
        if (month < 1 || month > 12) {
            throw new InvalidValueException(text, subject + " has month " + fields.group(2) + "; months are 01 to 12");
        }
        int monthLength = LocalDate.of(year, month, 1).lengthOfMonth();
        if (day < 1 || day > monthLength) {
            String monthName = Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            throw new InvalidValueException(
                    text,
                    subject + " is not a real date: " + monthName + " " + fields.group(1) + " has days 01 to "
                            + monthLength);
        }
        if (hour > 23) {
            String midnight = hour == 24 && minute == 0 && second == 0
                    ? " (midnight at the end of the day is "
                            + format(LocalDate.of(year, month, day)
                                    .plusDays(1)
                                    .atStartOfDay()
                                    .toInstant(ZoneOffset.UTC))
                            + ")"
                    : "";
            throw new InvalidValueException(
                    text, subject + " has hour " + fields.group(4) + "; hours are 00 to 23" + midnight);
        }
        if (minute > 59) {
            throw new InvalidValueException(
                    text, subject + " has minute " + fields.group(5) + "; minutes are 00 to 59");
        }
        if (second > 59) {
            throw new InvalidValueException(
                    text,
                    subject + " has second " + fields.group(6)
                            + "; seconds are 00 to 59 (leap seconds are not accepted)");
        }
        return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    }

    /** " write X" when X is a valid timestamp, else the general shape, so a hint never misleads. */
    private static String suggestion(String candidate) {
        Matcher matcher = STRICT.matcher(candidate);
        if (matcher.matches()) {
            try {
                checkFields(candidate, "", matcher);
                return " write " + candidate;
            } catch (InvalidValueException wrongToo) {
                return " write the form " + candidate + ", but that" + wrongToo.getMessage();
            }
        }
        return " " + SHAPE;
    }
}
