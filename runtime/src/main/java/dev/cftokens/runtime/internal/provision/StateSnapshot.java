package dev.cftokens.runtime.internal.provision;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.state.PendingCreate;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.TokenRecord;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records and pending creates a plan is made from, copied once from the locked state: nothing is written
 * to the state while a plan is made, and the listing's threads read the counts, never the session.
 */
final class StateSnapshot {
    private final Collection<TokenRecord> records;
    private final Collection<PendingCreate> pending;
    private final Map<String, List<String>> previousHeldBy;
    private final Map<TokenOwner, Integer> recordedCounts = new EnumMap<>(TokenOwner.class);

    private StateSnapshot(
            Collection<TokenRecord> records,
            Collection<PendingCreate> pending,
            Map<String, List<String>> previousHeldBy) {
        this.records = records;
        this.pending = pending;
        this.previousHeldBy = previousHeldBy;
        records.forEach(record -> recordedCounts.merge(record.owner(), 1, Integer::sum));
    }

    static StateSnapshot of(StateSession state) {
        Collection<TokenRecord> records = state.records();
        Map<String, List<String>> heldBy = new HashMap<>();
        for (TokenRecord record : records) {
            if (record.previous() != null) {
                List<String> holders = Generations.holdersOf(
                        Generations.live(state.holdings(record.declarationId())),
                        record.previous().tokenId());
                if (!holders.isEmpty()) {
                    heldBy.put(record.declarationId(), holders);
                }
            }
        }
        return new StateSnapshot(records, state.pendingCreates(), heldBy);
    }

    /** {@return by declaration id, the live holders of its previous generation} */
    Map<String, List<String>> previousHeldBy() {
        return previousHeldBy;
    }

    Collection<TokenRecord> records() {
        return records;
    }

    Collection<PendingCreate> pending() {
        return pending;
    }

    /**
     * The owners whose tokens a run over {@code declared} must see: the declarations', their records', and
     * those of their pending creates (whose leftovers are looked for among their owner's tokens).
     */
    Set<TokenOwner> owners(Declared declared) {
        Set<TokenOwner> owners = EnumSet.noneOf(TokenOwner.class);
        for (TokenProvisioner<?> provisioner : declared.provisioners()) {
            owners.add(provisioner.declaration().owner());
        }
        records.stream()
                .filter(record -> declared.considers(record.declarationId()))
                .forEach(record -> owners.add(record.owner()));
        pending.stream()
                .filter(create -> declared.considers(create.declarationId()))
                .forEach(create -> owners.add(create.owner()));
        return owners;
    }

    /** Lists {@code owners}' tokens, asking at once for the pages their recorded tokens fill. */
    Listing list(Cloudflare cloudflare, Set<TokenOwner> owners) {
        return Listing.of(cloudflare, Set.copyOf(owners), owner -> recordedCounts.getOrDefault(owner, 0));
    }
}
