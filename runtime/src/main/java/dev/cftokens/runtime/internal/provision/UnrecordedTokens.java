package dev.cftokens.runtime.internal.provision;

import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.runtime.provision.DesiredToken;
import dev.cftokens.runtime.state.PendingCreate;
import java.util.Objects;

/**
 * The two rules about tokens no record names: which of them could be a declaration's, and which
 * pending create entitles a declaration to the token it made. The planner and the writer's look-up after
 * a lost answer both ask here.
 */
final class UnrecordedTokens {
    private UnrecordedTokens() {}

    /**
     * Whether a listed token has exactly the declaration's name and grants and could serve it: a disabled
     * one was turned off on purpose and is never taken.
     */
    static boolean couldServe(DesiredToken desired, TokenSpec spec, TokenStatus status) {
        return desired.asDeclared(spec).equals(desired.spec()) && status != TokenStatus.DISABLED;
    }

    /**
     * Whether {@code create} is one this state sent for {@code desired} as it is declared now: the same
     * declaration, owner, spec and (when both are known) account. Only such a create's token is this
     * state's own; a stale create of an older spec, another owner or another account entitles it to nothing.
     */
    static boolean isOwnCreate(PendingCreate create, DesiredToken desired) {
        return create.declarationId().equals(desired.declarationId())
                && create.owner() == desired.owner()
                && create.specHash().equals(desired.specHash())
                && (create.accountId() == null
                        || desired.accountId() == null
                        || Objects.equals(create.accountId(), desired.accountId()));
    }
}
