package dev.cftokens.runtime.internal.provision;

import dev.cftokens.runtime.state.TokenRecord;

/**
 * The records a replace keeps for the token it replaces until that token is deleted, so a run killed in
 * between leaves the old token in the state for the next full apply to delete, not orphaned. The state
 * keys records by declaration id, so a retired one is keyed {@code <declaration id>~retired-<token id>},
 * which no declaration id can be; this class is the only one that knows that spelling.
 */
final class RetiredRecords {
    private static final String SEPARATOR = "~retired-";

    private RetiredRecords() {}

    /** The record that keeps {@code old}'s token in the state while it is being replaced. */
    static TokenRecord of(TokenRecord old) {
        return new TokenRecord(
                old.declarationId() + SEPARATOR + old.tokenId(),
                old.tokenId(),
                old.owner(),
                old.accountId(),
                old.name(),
                old.specHash());
    }

    /** Whether {@code record} is a retired token's, not a declaration's. */
    static boolean isRetired(TokenRecord record) {
        return record.declarationId().contains(SEPARATOR);
    }
}
