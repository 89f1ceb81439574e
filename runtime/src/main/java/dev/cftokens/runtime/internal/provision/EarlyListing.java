package dev.cftokens.runtime.internal.provision;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.internal.Background;
import java.util.Optional;
import java.util.Set;

/**
 * A listing started on a thread of its own before the state is read, so that its round trip overlaps
 * reading and decrypting the state: what an application starting with unchanged tokens waits for.
 *
 * <p>Only a read may plan with it. It was taken before any lock, so it may miss a token another instance
 * created meanwhile; a read that finds its tokens changed or missing falls back to a run under the lock,
 * which lists again. When the state turns out not to record the tokens at all, the listing is not used (one
 * request more on a first start, none on the starts after it).
 */
final class EarlyListing {
    private final Set<TokenOwner> owners;
    private final Background<Listing> listing;

    private EarlyListing(Set<TokenOwner> owners, Background<Listing> listing) {
        this.owners = owners;
        this.listing = listing;
    }

    /** Starts listing every token of {@code owners}. */
    static EarlyListing start(Cloudflare cloudflare, Set<TokenOwner> owners) {
        Set<TokenOwner> listed = Set.copyOf(owners);
        return new EarlyListing(listed, Background.start("cftokens-listing", () -> Listing.of(cloudflare, listed)));
    }

    /**
     * The listing under way, when it is of exactly {@code wanted}; empty when the plan needs other owners (the
     * state records a token of an owner no declaration at hand has).
     */
    Optional<Background<Listing>> of(Set<TokenOwner> wanted) {
        return owners.equals(wanted) ? Optional.of(listing) : Optional.empty();
    }
}
