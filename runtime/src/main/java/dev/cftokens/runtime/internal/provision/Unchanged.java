package dev.cftokens.runtime.internal.provision;

import dev.cftokens.runtime.provision.ChangeKind;
import dev.cftokens.runtime.provision.ExistingToken;
import dev.cftokens.runtime.provision.PlannedChange;
import dev.cftokens.runtime.state.TokenRecord;

/**
 * The one decision of whether a declaration's token is served as it is, without writing anything: the
 * planner found it unchanged, and its record is the one this run would write. The read under shared locks
 * at a service's start and the full apply both ask here, so they never disagree on a token.
 */
final class Unchanged {
    private Unchanged() {}

    /**
     * {@return the record a kept token should have, from its declaration and the listed token: its issue
     * time, and the previous generation unless the change ends it}
     */
    static TokenRecord recordOf(PlannedChange change) {
        TokenRecord recorded = change.recorded();
        ExistingToken existing = change.existing();
        if (recorded == null) {
            return TokenWrites.recordFor(change.desired(), existing.id(), null).withIssuedAt(existing.issuedOn());
        }
        return TokenWrites.recordFor(change.desired(), existing.id(), recorded)
                .withIssuedAt(Generations.issued(recorded, existing).orElse(null))
                .withPrevious(change.endsPrevious().isPresent() ? null : recorded.previous());
    }

    /** {@return whether {@code change} keeps a declared token and its record exactly as they are} */
    static boolean servedAsIs(PlannedChange change) {
        return change.kind() == ChangeKind.UNCHANGED
                && change.desired() != null
                && recordOf(change).equals(change.recorded());
    }
}
