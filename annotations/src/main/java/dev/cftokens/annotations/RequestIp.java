package dev.cftokens.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Restricts the client addresses an {@link ApiToken} may be used from. Entries are IPv4 or IPv6
 * CIDRs such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RequestIp {
    /**
     * Ranges the token may be used from.
     *
     * @return the allowed CIDRs, or empty for any address
     */
    String[] in() default {};

    /**
     * Ranges the token may never be used from, even inside {@link #in()}.
     *
     * @return the refused CIDRs, or empty for none
     */
    String[] notIn() default {};
}
