package dev.cftokens.runtime.state;

import dev.cftokens.runtime.Secret;
import java.util.Collection;
import java.util.Optional;

/**
 * One locked run against a {@link StateStore}. Every {@code put} and {@code remove} is durable when it
 * returns, so a process killed the next instant loses nothing it was told about. Thread-safe.
 *
 * <p>A store implements {@link StateRows} and returns {@link #over} them: the rules below, and the
 * encryption of values, are the runtime's, the same for every store.
 */
public interface StateSession extends AutoCloseable {
    /**
     * A session over a store's rows for one run: values are sealed under {@code key} before they reach
     * the store, and the key is checked against the one the state's values were sealed under (a state
     * without a key check gets this key's). The rows are closed when the key is refused.
     *
     * @param rows what the store keeps for this run, its locks held
     * @param key the key that seals values, or null to keep none
     * @param where the state, for messages, such as {@code "the state file .cftokens/state.json"}
     * @return the session
     * @throws StateException when {@code key} is not the state's, or of the other kind; nothing is changed
     */
    static StateSession over(StateRows rows, StateKey key, String where) {
        return SealedSession.over(rows, key, StateEncryption.MIN_ITERATIONS, where);
    }

    /** {@return every recorded token} */
    Collection<TokenRecord> records();

    /**
     * {@return the record of one declaration, if any}
     *
     * @param declarationId the declaration's id
     */
    Optional<TokenRecord> record(String declarationId);

    /**
     * {@return the recorded value of a declaration's token, if the state holds it and can decrypt it}
     *
     * @param declarationId the declaration's id
     */
    Optional<Secret> value(String declarationId);

    /**
     * True when values given to {@link #put(TokenRecord, Secret)} are kept (encrypted); false without a
     * passphrase, in which case a value needed later is obtained by rolling the token.
     *
     * @return whether values are kept
     */
    boolean storesValues();

    /**
     * Records a token whose value has not changed: the stored value is kept when the token id is the one
     * already recorded, and dropped otherwise. Drops the declaration's pending create, if any.
     *
     * @param record the token's record
     */
    void put(TokenRecord record);

    /**
     * Records a token with its current value, which replaces any stored one (kept only encrypted). Drops
     * the declaration's pending create, if any.
     *
     * @param record the token's record
     * @param value the token's current value
     */
    void put(TokenRecord record, Secret value);

    /**
     * Forgets a declaration's token.
     *
     * @param declarationId the declaration's id; nothing happens when it has no record
     */
    void remove(String declarationId);

    /**
     * Creates an earlier run started and never recorded the outcome of, by declaration id.
     *
     * @return the pending creates; empty when every create was recorded
     */
    Collection<PendingCreate> pendingCreates();

    /**
     * Notes a create about to be sent; durable when it returns, so it is on disk before the request
     * leaves. A later {@code put} of the declaration's record drops it.
     *
     * @param pending the create about to be sent
     */
    void putPendingCreate(PendingCreate pending);

    /**
     * Drops a pending create whose request was refused, so no token came of it.
     *
     * @param declarationId the declaration's id
     */
    void removePendingCreate(String declarationId);

    /**
     * Notes that a live handle holds a token, replacing its earlier note; allowed in a session that only
     * reads, since it records who is alive, not the state. The default keeps nothing: with a store that
     * keeps no holdings, a previous generation is deleted once its overlap has passed, held or not.
     *
     * @param holding the handle's note
     */
    default void hold(Holding holding) {}

    /**
     * {@return the holdings noted for {@code declarationId}, lapsed ones included; empty for a store that
     * keeps none}
     *
     * @param declarationId the declaration's id
     */
    default Collection<Holding> holdings(String declarationId) {
        return java.util.List.of();
    }

    /** Releases the lock. */
    @Override
    void close();
}
