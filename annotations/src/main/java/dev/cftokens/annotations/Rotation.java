package dev.cftokens.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes an {@link ApiToken} rotate itself: every {@link #every()} a successor token (a new id and value,
 * the same policies) is created and becomes current, and the previous generation stays valid for {@link
 * #overlap()} so that every holder can move to the successor before it is deleted. Cloudflare's own roll
 * is never used, since it invalidates the old value at once.
 *
 * <p>Each generation carries a Cloudflare {@code expires_on} of its issue time + 2 × {@code every} +
 * {@code overlap}, so a token nobody rotates any more dies by itself. That is why a rotating token takes
 * no fixed {@link ApiToken#expiresOn()}.
 *
 * <p>Both values are ISO-8601 durations as {@link java.time.Duration#parse} reads them: {@code P30D}
 * (30 days of 24 hours), {@code PT12H}, {@code P1DT6H}. Months and years have no fixed length and are
 * not accepted.
 *
 * <pre>{@code
 * @ApiToken(name = "CI Deploy")
 * @Policy(permissionGroups = "Workers Scripts Write", resources = "com.cloudflare.api.account")
 * @Rotation(every = "P30D", overlap = "P2D")
 * public interface DeployToken {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Rotation {
    /**
     * How often a new generation is made, such as {@code P30D}; at least one minute.
     *
     * @return the period, an ISO-8601 duration
     */
    String every();

    /**
     * How long the previous generation stays valid once its successor is current, such as {@code P2D};
     * greater than zero and shorter than {@link #every()}.
     *
     * @return the overlap, an ISO-8601 duration
     */
    String overlap();
}
