package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Secret;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * The one implementation of {@link StateSession}'s rules over any store's {@link StateRows}: values are
 * sealed before they reach the store and opened when read, a put without a value keeps the stored one
 * only for the same declaration's same token, and a key is checked against the state's before the run
 * reads anything.
 */
final class SealedSession implements StateSession {
    private final StateRows rows;
    private final StateEncryption encryption; // null when the run keeps no values

    private SealedSession(StateRows rows, StateEncryption encryption) {
        this.rows = rows;
        this.encryption = encryption;
    }

    /**
     * A session over {@code rows}; closes them when the key is refused.
     *
     * @param key the key, or null to keep no values
     * @param iterations PBKDF2 iterations for a state that has no key check yet
     * @param where the state, for messages
     */
    static StateSession over(StateRows rows, StateKey key, int iterations, String where) {
        requireNonNull(rows, "rows");
        requireNonNull(where, "where");
        try {
            return new SealedSession(rows, key == null ? null : unlock(rows, key, iterations, where));
        } catch (RuntimeException e) {
            rows.close();
            throw e;
        }
    }

    private static StateEncryption unlock(StateRows rows, StateKey key, int iterations, String where) {
        Optional<byte[]> kept = rows.keyCheck();
        if (kept.isPresent()) {
            return StateEncryption.unlock(key, header(kept.get(), where), where);
        }
        StateEncryption created = StateEncryption.create(key, iterations);
        byte[] proposed = created.header().toBytes();
        byte[] stored = rows.keepKeyCheck(proposed);
        // Another instance kept its check first: its salt is the state's, so this run unlocks with that.
        return Arrays.equals(stored, proposed) ? created : StateEncryption.unlock(key, header(stored, where), where);
    }

    private static EncryptionHeader header(byte[] keyCheck, String where) {
        try {
            return EncryptionHeader.fromBytes(keyCheck);
        } catch (IllegalArgumentException e) {
            throw new StateException("the key check kept in " + where + " cannot be used (" + e.getMessage()
                    + "); cftokens will not read or write values under it. Nothing was changed.");
        }
    }

    @Override
    public Collection<TokenRecord> records() {
        return rows.tokens().stream().map(StoredToken::record).toList();
    }

    @Override
    public Optional<TokenRecord> record(String declarationId) {
        return rows.token(declarationId).map(StoredToken::record);
    }

    /** A value that was sealed for another declaration or token, or altered, counts as absent. */
    @Override
    public Optional<Secret> value(String declarationId) {
        Optional<StoredToken> row = rows.token(declarationId);
        if (encryption == null || row.isEmpty() || !row.get().hasValue()) {
            return Optional.empty();
        }
        SealedValue sealed;
        try {
            sealed = SealedValue.fromBytes(row.get().sealedValue());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return encryption.open(row.get().record(), sealed);
    }

    @Override
    public boolean storesValues() {
        return encryption != null;
    }

    @Override
    public void put(TokenRecord record) {
        requireNonNull(record, "record");
        byte[] kept = rows.token(record.declarationId())
                .filter(previous -> StateEncryption.sameContext(previous.record(), record))
                .map(StoredToken::sealedValue)
                .orElse(null);
        rows.write(new StoredToken(record, kept));
    }

    @Override
    public void put(TokenRecord record, Secret value) {
        requireNonNull(record, "record");
        requireNonNull(value, "value");
        rows.write(new StoredToken(
                record,
                encryption == null ? null : encryption.seal(record, value).toBytes()));
    }

    @Override
    public void remove(String declarationId) {
        rows.delete(declarationId);
    }

    @Override
    public Collection<PendingCreate> pendingCreates() {
        return rows.pendingCreates();
    }

    @Override
    public void putPendingCreate(PendingCreate pending) {
        rows.putPendingCreate(requireNonNull(pending, "pending"));
    }

    @Override
    public void removePendingCreate(String declarationId) {
        rows.removePendingCreate(declarationId);
    }

    @Override
    public void hold(Holding holding) {
        rows.hold(requireNonNull(holding, "holding"));
    }

    @Override
    public Collection<Holding> holdings(String declarationId) {
        return rows.holdings(declarationId);
    }

    @Override
    public void close() {
        rows.close();
    }
}
