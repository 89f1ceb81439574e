package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

/**
 * A live {@link ProvisionedToken} moved to another token: the state now records a successor (a rotation,
 * or a replace applied elsewhere) and the handle's {@link ProvisionedToken#value()} already returns the new
 * value. An application that built a client with the old value rebuilds it here.
 *
 * @param declarationId the declaration's id, such as {@code readonly-token}
 * @param previousTokenId Cloudflare's id of the token the handle held until now
 * @param tokenId Cloudflare's id of the token it holds now
 */
public record TokenRotation(String declarationId, String previousTokenId, String tokenId) {
    /**
     * Checks the components.
     *
     * @param declarationId the declaration's id
     * @param previousTokenId the token held until now
     * @param tokenId the token held now
     * @throws NullPointerException when any is null
     */
    public TokenRotation {
        requireNonNull(declarationId, "declarationId");
        requireNonNull(previousTokenId, "previousTokenId");
        requireNonNull(tokenId, "tokenId");
    }
}
