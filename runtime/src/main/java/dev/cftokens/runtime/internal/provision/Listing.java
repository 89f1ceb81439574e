package dev.cftokens.runtime.internal.provision;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.Token;
import dev.cftokens.runtime.provision.ExistingToken;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every token of each listed owner, as a run saw them when it planned. */
final class Listing {
    private final Map<TokenOwner, List<ExistingToken>> tokens;
    private final Map<TokenOwner, Map<String, ExistingToken>> byId = new EnumMap<>(TokenOwner.class);

    Listing(Map<TokenOwner, List<ExistingToken>> tokens) {
        this.tokens = new EnumMap<>(TokenOwner.class);
        tokens.forEach((owner, listed) -> {
            this.tokens.put(owner, List.copyOf(listed));
            Map<String, ExistingToken> ids = new LinkedHashMap<>();
            listed.forEach(token -> ids.put(token.id(), token));
            byId.put(owner, ids);
        });
    }

    /** Lists every token of each owner (one request per 50 tokens). */
    static Listing of(Cloudflare cloudflare, Set<TokenOwner> owners) {
        return of(cloudflare, owners, owner -> 0);
    }

    /**
     * Lists every token of each owner, requesting at once the pages that the tokens {@code expected} to
     * exist fill (as many as the state records: a run with 200 recorded tokens lists in one round trip).
     */
    static Listing of(Cloudflare cloudflare, Set<TokenOwner> owners, ToIntFunction<TokenOwner> expected) {
        Map<TokenOwner, List<ExistingToken>> listed = new EnumMap<>(TokenOwner.class);
        for (TokenOwner owner : owners) {
            try (Stream<Token> tokens = cloudflare.tokens(owner).list(true, expected.applyAsInt(owner))) {
                listed.put(
                        owner,
                        tokens.map(token ->
                                        new ExistingToken(token.id(), token.spec(), token.status(), token.issuedOn()))
                                .collect(Collectors.toList()));
            }
        }
        return new Listing(listed);
    }

    /** The owners whose tokens were listed. */
    Set<TokenOwner> owners() {
        return Set.copyOf(tokens.keySet());
    }

    /** The listed tokens of {@code owner}, empty when that owner was not listed. */
    List<ExistingToken> tokens(TokenOwner owner) {
        return tokens.getOrDefault(owner, List.of());
    }

    /** The listed token of {@code owner} with {@code id}, or null when it was not listed. */
    ExistingToken find(TokenOwner owner, String id) {
        Map<String, ExistingToken> ids = byId.get(owner);
        if (ids == null) {
            throw new IllegalStateException("the " + owner.name().toLowerCase(Locale.ROOT) + " tokens were not listed");
        }
        return ids.get(id);
    }

    /** The ids of every listed token. */
    Set<String> ids() {
        Set<String> ids = new HashSet<>();
        tokens.values().forEach(listed -> listed.forEach(token -> ids.add(token.id())));
        return ids;
    }

    /** Every listed token. */
    Collection<List<ExistingToken>> all() {
        return tokens.values();
    }
}
