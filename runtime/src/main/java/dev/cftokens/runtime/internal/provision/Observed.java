package dev.cftokens.runtime.internal.provision;

import dev.cftokens.runtime.state.PendingCreate;
import dev.cftokens.runtime.state.TokenRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a run found before planning: the state's records and pending creates, the listed tokens, and who
 * still holds a previous generation.
 *
 * @param pending creates an earlier run of this state started but never recorded
 * @param previousHeldBy by declaration id, the live holders of its previous generation; none for most
 */
record Observed(
        Collection<TokenRecord> records,
        Collection<PendingCreate> pending,
        Listing listing,
        Map<String, List<String>> previousHeldBy) {
    Observed {
        records = List.copyOf(records);
        pending = List.copyOf(pending);
        previousHeldBy = Map.copyOf(previousHeldBy);
    }

    Observed(Collection<TokenRecord> records, Collection<PendingCreate> pending, Listing listing) {
        this(records, pending, listing, Map.of());
    }
}
