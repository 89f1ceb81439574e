package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenOwner;
import java.time.Instant;

/**
 * A create this state's run was about to send, written before the request goes out and dropped once
 * the token is recorded. It is what entitles a later look-up to adopt an unrecorded token with the
 * declaration's name and grants: without it, such a token belongs to somebody else (another state
 * file, another machine) and is left alone.
 *
 * @param declarationId the logical id of the declaration being created
 * @param owner whether the token is created under the account or the user
 * @param accountId the account it is created for, or null when none is known
 * @param specHash {@link dev.cftokens.runtime.provision.DesiredToken#hashOf the hash} of the spec sent
 * @param since when the create was first attempted
 */
public record PendingCreate(String declarationId, TokenOwner owner, String accountId, String specHash, Instant since) {
    /**
     * Checks the components.
     *
     * @param declarationId the logical id of the declaration being created
     * @param owner whether the token is created under the account or the user
     * @param accountId the account it is created for, or null when none is known
     * @param specHash {@link dev.cftokens.runtime.provision.DesiredToken#hashOf the hash} of the spec sent
     * @param since when the create was first attempted
     * @throws NullPointerException when any but {@code accountId} is null
     */
    public PendingCreate {
        requireNonNull(declarationId, "declarationId");
        requireNonNull(owner, "owner");
        requireNonNull(specHash, "specHash");
        requireNonNull(since, "since");
    }
}
