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
    /** {@return the declaring interface} */
    Class<T> tokenType();

    /** {@return the token as declared, placeholders unresolved} */
    TokenDeclaration declaration();

    /** {@return the input values given to {@code create(...)}, by input name} */
    Map<String, String> inputs();

    /**
     * Creates or updates the token so it matches its declaration, and returns it with its value.
     *
     * @param cloudflare the client to provision through
     * @return the token, with its value and its Cloudflare id
     */
    ProvisionedToken<T> provision(Cloudflare cloudflare);
}
