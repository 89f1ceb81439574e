package dev.cftokens.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a Cloudflare API token. Put it on an interface together with one or more {@link Policy}
 * annotations; the cftokens annotation processor checks the declaration at compile time and writes a
 * {@code <Interface>Provisioner} that creates or updates the token through Cloudflare's API.
 *
 * <p>Every no-argument {@code String} method of the interface is an input of the provisioner and
 * fills the {@code {methodName}} placeholder of a resource key.
 *
 * <pre>{@code
 * @ApiToken(name = "Readonly Zone Token")
 * @Policy(permissionGroups = {"Zone Read", "Analytics Read"},
 *         resources = "com.cloudflare.api.account.zone.*")
 * public interface ReadonlyToken {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ApiToken {
    /**
     * The token's name as Cloudflare shows it; at most 120 characters. Defaults to {@link #id()}.
     *
     * @return the name, or empty for the id
     */
    String name() default "";

    /**
     * The stable logical key cftokens tracks the token by, in kebab case. Defaults to the interface's
     * simple name in kebab case ({@code ReadonlyToken} becomes {@code readonly-token}). Renaming the
     * token keeps it; changing the id replaces it.
     *
     * @return the id, or empty for the interface's name in kebab case
     */
    String id() default "";

    /**
     * Who owns the token: the account (the default) or the user whose credentials provision it.
     *
     * @return the owner
     */
    Owner owner() default Owner.ACCOUNT;

    /**
     * Earliest time the token is valid, RFC 3339 UTC such as {@code 2024-01-01T00:00:00Z}.
     *
     * @return the start of validity, or empty for none
     */
    String notBefore() default "";

    /**
     * Time the token stops working, RFC 3339 UTC such as {@code 2024-12-31T23:59:59Z}.
     *
     * @return the expiry, or empty for never
     */
    String expiresOn() default "";
}
