package dev.cftokens.runtime.state;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a state store keeps for one locked run: token rows, pending creates, holdings, and the key check
 * of the first run that had a key. A store implements this and hands it to {@link StateSession#over},
 * which seals and opens the values and decides which value a put keeps, the same for every store; the
 * store only persists and locks.
 *
 * <p>Every write is durable when it returns. Thread-safe: a run writes different declarations from
 * several threads at once, each declaration from one thread at a time (a put without a value reads the
 * row, then writes it).
 */
public interface StateRows extends AutoCloseable {
    /** {@return every token row} */
    Collection<StoredToken> tokens();

    /**
     * {@return the row of one declaration, if any}
     *
     * @param declarationId the declaration's id
     */
    Optional<StoredToken> token(String declarationId);

    /**
     * Replaces the declaration's row and drops its pending create, as one durable change, so a crash
     * never leaves the row without the create settled or the create settled without the row.
     *
     * @param token the row
     */
    void write(StoredToken token);

    /**
     * Deletes a declaration's row.
     *
     * @param declarationId the declaration's id; nothing happens when it has no row
     */
    void delete(String declarationId);

    /** {@return the creates noted and not yet settled by a row} */
    Collection<PendingCreate> pendingCreates();

    /**
     * Notes a create about to be sent; durable when it returns.
     *
     * @param pending the create
     */
    void putPendingCreate(PendingCreate pending);

    /**
     * Drops a pending create whose request was refused.
     *
     * @param declarationId the declaration's id
     */
    void removePendingCreate(String declarationId);

    /**
     * As {@link StateSession#hold}: allowed in a run that only reads. The default keeps nothing.
     *
     * @param holding the handle's note
     */
    default void hold(Holding holding) {}

    /**
     * {@return the holdings of {@code declarationId}, lapsed ones included; empty for a store that keeps
     * none}
     *
     * @param declarationId the declaration's id
     */
    default Collection<Holding> holdings(String declarationId) {
        return List.of();
    }

    /** {@return the key check the first run with a key kept, as it was given; empty when none was kept} */
    Optional<byte[]> keyCheck();

    /**
     * Keeps {@code keyCheck} unless one is kept already (written meanwhile by another instance), and
     * returns the one that is kept, so instances starting together settle on one. Only a store whose runs
     * never overlap (an exclusive lock on the whole state, as the file's) may keep it with the run's first
     * write rather than at once; a run that only reads may return it without keeping it, since it seals
     * nothing.
     *
     * @param keyCheck the key check of a new state's key
     * @return the key check kept
     */
    byte[] keepKeyCheck(byte[] keyCheck);

    /** Releases the run's locks. */
    @Override
    void close();
}
