package dev.cftokens.emulator.access;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.emulator.tokens.StoredToken;

/**
 * Who sent a request, once authenticated.
 *
 * @param kind the kind of credential
 * @param tokenId the id verify reports (the admin token has one too); null for the global API key
 * @param token the issued token, or null for the admin token and the global API key
 * @param rateLimitKey what the rate limit counts requests by: one bucket per credential
 */
public record Caller(Kind kind, String tokenId, StoredToken token, String rateLimitKey) {
    /** The kinds of credential the emulator accepts. */
    public enum Kind {
        /** The bootstrap token: a user-owned token with every right. */
        ADMIN_TOKEN,
        /** X-Auth-Email + X-Auth-Key of the configured user: every right, like Cloudflare's global key. */
        GLOBAL_API_KEY,
        /** A token this emulator issued, limited to what its policies allow. */
        ISSUED_TOKEN
    }

    /**
     * Checks the components.
     *
     * @param kind the kind of credential
     * @param tokenId the id verify reports; null for the global API key
     * @param token the issued token, or null for the admin token and the global API key
     * @param rateLimitKey what the rate limit counts requests by
     * @throws NullPointerException when {@code kind} or {@code rateLimitKey} is null
     */
    public Caller {
        requireNonNull(kind, "kind");
        requireNonNull(rateLimitKey, "rateLimitKey");
    }

    /** {@return true for the admin token and the global API key, which may do anything} */
    public boolean hasAllRights() {
        return kind != Kind.ISSUED_TOKEN;
    }

    /** {@return true for a Bearer token, the admin token included} */
    public boolean isToken() {
        return kind != Kind.GLOBAL_API_KEY;
    }

    /**
     * Who owns the token the caller authenticated with: the admin token is the user's (it lists accounts and
     * verifies only on {@code /user/tokens/verify}); null for the global API key, which is no token.
     *
     * @return the owner, or null
     */
    public TokenOwner tokenOwner() {
        return switch (kind) {
            case ADMIN_TOKEN -> TokenOwner.USER;
            case ISSUED_TOKEN -> token.owner();
            case GLOBAL_API_KEY -> null;
        };
    }

    /** {@return true for an issued account-owned token, which cannot act as a user} */
    public boolean isAccountOwnedToken() {
        return token != null && token.owner() == TokenOwner.ACCOUNT;
    }
}
