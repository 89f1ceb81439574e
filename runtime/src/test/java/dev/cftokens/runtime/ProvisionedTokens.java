package dev.cftokens.runtime;

import dev.cftokens.core.model.TokenStatus;

/** For tests outside this package: a {@link ProvisionedToken}, whose constructor only the runtime calls. */
public final class ProvisionedTokens {
    private ProvisionedTokens() {}

    public static <T> ProvisionedToken<T> of(
            Class<T> tokenType, String declarationId, String id, String name, TokenStatus status, Secret value) {
        return new ProvisionedToken<>(tokenType, declarationId, id, name, status, value);
    }
}
