package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

/**
 * A token just created, with its secret value: Cloudflare shows the value in the create answer only,
 * never again, so the caller must keep it now (or roll the token later).
 *
 * @param token the token as Cloudflare reported it in the create answer
 * @param value its secret value
 */
public record CreatedToken(Token token, Secret value) {
    /**
     * Checks the components.
     *
     * @param token the token as Cloudflare reported it in the create answer
     * @param value its secret value
     * @throws NullPointerException when either is null
     */
    public CreatedToken {
        requireNonNull(token, "token");
        requireNonNull(value, "value");
    }

    /** Shows the token and a masked value. */
    @Override
    public String toString() {
        return "CreatedToken{token=" + token + ", value=" + value + "}";
    }
}
