package dev.cftokens.runtime.internal.provision;

import dev.cftokens.runtime.state.PendingCreate;
import dev.cftokens.runtime.state.TokenRecord;
import java.util.Collection;
import java.util.List;

/**
 * What a run found before planning: the state's records and pending creates, and the listed tokens.
 *
 * @param pending creates an earlier run of this state started but never recorded
 */
record Observed(Collection<TokenRecord> records, Collection<PendingCreate> pending, Listing listing) {
    Observed {
        records = List.copyOf(records);
        pending = List.copyOf(pending);
    }
}
