package dev.cftokens.runtime.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenOwner;

/**
 * A token that a create of an earlier run made and never recorded (the run was killed, or lost the
 * answer), which no declaration will adopt, so the plan deletes it.
 *
 * @param declarationId the declaration whose create made it
 * @param tokenId Cloudflare's id of the token
 * @param owner whether the token lives under the account or the user
 */
public record Leftover(String declarationId, String tokenId, TokenOwner owner) {
    /** Joins the declaration id and the token id in a label; never part of a declaration id. */
    private static final String LABEL_SEPARATOR = "~unrecorded-";

    /**
     * Checks the components.
     *
     * @param declarationId the declaration whose create made it
     * @param tokenId Cloudflare's id of the token
     * @param owner whether the token lives under the account or the user
     * @throws NullPointerException when any is null
     */
    public Leftover {
        requireNonNull(declarationId, "declarationId");
        requireNonNull(tokenId, "tokenId");
        requireNonNull(owner, "owner");
    }

    /** {@return how plans and destroy name the leftover: {@code <declaration id>~unrecorded-<token id>}} */
    public String label() {
        return declarationId + LABEL_SEPARATOR + tokenId;
    }
}
