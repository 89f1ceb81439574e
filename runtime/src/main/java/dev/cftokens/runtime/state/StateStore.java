package dev.cftokens.runtime.state;

/**
 * Where the provisioning engine remembers which Cloudflare token belongs to which declaration.
 *
 * <p>{@link #open()} takes the store's lock, so two runs never apply against one state at once, and
 * returns a session that reads and writes the state until it is closed.
 */
public interface StateStore {
    /**
     * Locks the state for one run and reads it.
     *
     * @throws StateException when the state is corrupt, of an unknown version, locked by another run
     *     past the wait, or encrypted under another passphrase
     */
    StateSession open();

    /** Where the state lives, for messages (a path, or a short description). */
    String describe();
}
