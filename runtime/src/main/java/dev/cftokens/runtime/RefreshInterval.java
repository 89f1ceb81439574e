package dev.cftokens.runtime;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/** How often a live {@link ProvisionedToken} reads its declaration's current token from the state. */
final class RefreshInterval {
    /** The environment variable that sets it, as an ISO-8601 duration. */
    static final String VARIABLE = "CFTOKENS_REFRESH_INTERVAL";

    /** Thirty seconds: a rotation's overlap is hours or days, a store read costs one query. */
    static final Duration DEFAULT = Duration.ofSeconds(30);

    private RefreshInterval() {}

    /**
     * {@return the interval {@code lookup} gives under {@link #VARIABLE}, or {@link #DEFAULT} when unset}
     *
     * @throws IllegalArgumentException naming the variable and a right value when it is not a positive duration
     */
    static Duration from(Function<String, String> lookup) {
        String text = lookup.apply(VARIABLE);
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        try {
            return check(Duration.parse(text.strip()), VARIABLE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    VARIABLE + " must be an ISO-8601 duration such as PT30S or PT5M, not \"" + text + "\"");
        }
    }

    /** {@return {@code interval} when positive} */
    static Duration check(Duration interval, String what) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException(what + " must be a positive duration such as PT30S, not " + interval);
        }
        return interval;
    }
}
