package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenOwner;

/**
 * What the state remembers of one provisioned token, by the logical id of its declaration.
 *
 * @param declarationId the logical id, such as {@code readonly-token}
 * @param tokenId Cloudflare's id of the token
 * @param owner whether the token lives under the account or the user
 * @param accountId the account the token was provisioned for, or null when none was known
 * @param name the token's name when it was last written
 * @param specHash {@link SpecHash} of the spec last written, so a later run can tell a changed
 *     declaration from a token changed outside cftokens
 */
public record TokenRecord(
        String declarationId, String tokenId, TokenOwner owner, String accountId, String name, String specHash) {
    /**
     * Checks the components.
     *
     * @param declarationId the logical id, such as {@code readonly-token}
     * @param tokenId Cloudflare's id of the token
     * @param owner whether the token lives under the account or the user
     * @param accountId the account the token was provisioned for, or null when none was known
     * @param name the token's name when it was last written
     * @param specHash {@link SpecHash} of the spec last written
     * @throws NullPointerException when any but {@code accountId} is null
     */
    public TokenRecord {
        requireNonNull(declarationId, "declarationId");
        requireNonNull(tokenId, "tokenId");
        requireNonNull(owner, "owner");
        requireNonNull(name, "name");
        requireNonNull(specHash, "specHash");
    }
}
