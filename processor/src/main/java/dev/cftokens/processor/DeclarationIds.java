package dev.cftokens.processor;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The token ids claimed so far in this compilation: an id is the key cftokens tracks a token by, so two
 * declarations with one id would fight over one Cloudflare token.
 */
final class DeclarationIds {
    private final Map<String, String> owners = new HashMap<>();

    /** Claims {@code id} for {@code declaration}; returns the declaration that already holds it, if any. */
    Optional<String> claim(String id, String declaration) {
        String owner = owners.putIfAbsent(id, declaration);
        return owner == null || owner.equals(declaration) ? Optional.empty() : Optional.of(owner);
    }
}
