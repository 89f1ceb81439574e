package dev.cftokens.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One policy of an {@link ApiToken}: the permission groups it grants (or denies) on a set of
 * resources. Repeat it for several policies.
 *
 * <p>Permission groups are named as Cloudflare's API names them ({@code "Zone Read"},
 * {@code "Workers Routes Write"}); {@link PermissionGroups} has a constant for each. A name that
 * exists for several scopes resolves to the group whose scope matches the resources.
 *
 * <p>Resource keys follow Cloudflare's grammar, for example {@code com.cloudflare.api.account}
 * (the account being provisioned), {@code com.cloudflare.api.account.zone.*} (all zones) or
 * {@code com.cloudflare.api.account.zone.{zoneId}} (the zone given by the interface's
 * {@code String zoneId()} input). Each key is granted {@code "*"}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Policies.class)
public @interface Policy {
    /**
     * Allow (the default) or deny.
     *
     * @return the effect
     */
    Effect effect() default Effect.ALLOW;

    /**
     * The permission-group names; at least one.
     *
     * @return the names, as Cloudflare's API spells them
     */
    String[] permissionGroups();

    /**
     * The resource keys; at least one.
     *
     * @return the keys, possibly with {@code {input}} placeholders
     */
    String[] resources();

    /**
     * A parent account key to nest {@link #resources()} under: {@code within =
     * "com.cloudflare.api.account"} with {@code resources = "com.cloudflare.api.account.zone.*"} means
     * every zone of the provisioned account.
     *
     * @return the parent key, or empty for no nesting
     */
    String within() default "";
}
