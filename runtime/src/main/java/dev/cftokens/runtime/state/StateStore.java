package dev.cftokens.runtime.state;

import java.util.Optional;
import java.util.Set;

/**
 * Where the provisioning engine remembers which Cloudflare token belongs to which declaration.
 *
 * <p>{@link #open()} takes the store's lock, so two runs never apply against one state at once, and
 * returns a session that reads and writes the state until it is closed. {@link #open(Set)} locks only
 * some declarations, for a run that changes nothing else (one provisioner at a service's start): a
 * shared store lets such runs for other declarations go on at once.
 *
 * <p>Implementations are found for a location (a path, a JDBC URL) by {@link StateStores}.
 */
public interface StateStore {
    /**
     * Locks the state for one run and reads it.
     *
     * @return the open session; close it to release the lock
     * @throws StateException when the state is corrupt, of an unknown version, locked by another run
     *     past the wait, or encrypted under another key
     */
    StateSession open();

    /**
     * Locks the state for a run that reads every record but changes only the records and pending creates
     * of {@code declarationIds}, and reads it after the lock is held. Waits while a run holds the whole
     * state or one of these declarations. The default locks the whole state.
     *
     * @param declarationIds the declarations this run may change
     * @return the open session; close it to release the lock
     * @throws StateException as {@link #open()}
     */
    default StateSession open(Set<String> declarationIds) {
        return open();
    }

    /**
     * Locks the state for a run that only reads, and changes nothing: it waits while a run changes one of
     * {@code declarationIds} (or the whole state), but not for other readers, so instances starting
     * together read a token the first one recorded all at once. The session refuses writes. The default
     * locks as {@link #open(Set)} does.
     *
     * @param declarationIds the declarations the run reads
     * @return the session, holding the locks until it is closed
     * @throws StateException as {@link #open()}
     */
    default StateSession openForReading(Set<String> declarationIds) {
        return open(declarationIds);
    }

    /**
     * {@link #open(Set)} if no other run holds these declarations or the whole state right now; empty,
     * without waiting, when one does. A run that finds a token missing uses it to learn whether another
     * instance is creating it (then it waits for that instance as a reader). The default waits as {@link
     * #open(Set)} does and never returns empty.
     *
     * @param declarationIds the declarations this run may change
     * @return the open session, or empty when another run holds the locks
     * @throws StateException as {@link #open()}
     */
    default Optional<StateSession> tryOpen(Set<String> declarationIds) {
        return Optional.of(open(declarationIds));
    }

    /** {@return where the state lives, for messages (a path, or a short description)} */
    String describe();
}
