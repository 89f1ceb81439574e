package dev.cftokens.runtime;

import dev.cftokens.core.model.TokenDeclaration;
import java.util.Map;

/**
 * What the annotation processor generates for each {@code @ApiToken} interface: the declaration, the
 * values of its inputs, and provisioning through the shared engine.
 *
 * @param <T> the declaring interface
 */
public interface TokenProvisioner<T> {
    /** The declaring interface. */
    Class<T> tokenType();

    /** The token as declared, placeholders unresolved. */
    TokenDeclaration declaration();

    /** The input values given to {@code create(...)}, by input name. */
    Map<String, String> inputs();

    /** Creates or updates the token so it matches its declaration, and returns it with its value. */
    ProvisionedToken<T> provision(Cloudflare cloudflare);
}
