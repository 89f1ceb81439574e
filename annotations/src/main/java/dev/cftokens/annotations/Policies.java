package dev.cftokens.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The container of repeated {@link Policy} annotations; write {@code @Policy} several times instead. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Policies {
    /**
     * The policies, in declaration order.
     *
     * @return the repeated {@link Policy} annotations
     */
    Policy[] value();
}
