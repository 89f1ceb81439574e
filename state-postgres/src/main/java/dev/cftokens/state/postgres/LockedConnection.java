package dev.cftokens.state.postgres;

import dev.cftokens.runtime.state.StateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A run's connection and the advisory locks its server session holds. When the connection breaks (the
 * database restarted, failed over, or a pooled connection was cut), the locks die with it; {@link
 * #reconnect()} gets a new connection holding the same locks, waiting for them as any run does, and the
 * session then checks that nobody changed its rows meanwhile before it writes.
 */
final class LockedConnection {
    /** Waits for a new connection holding this run's locks. */
    interface Reacquire {
        LockedConnection reacquire();
    }

    /** Gives a connection back, releasing exactly this run's locks. */
    interface Release {
        void release(BorrowedConnection connection, AdvisoryLocks locks, List<AdvisoryLocks.Key> keys);
    }

    private BorrowedConnection borrowed;
    private final AdvisoryLocks locks;
    private final List<AdvisoryLocks.Key> keys;
    private final Reacquire reacquire;
    private final Release release;
    private final String where;

    LockedConnection(
            BorrowedConnection borrowed,
            AdvisoryLocks locks,
            List<AdvisoryLocks.Key> keys,
            Reacquire reacquire,
            Release release,
            String where) {
        this.borrowed = borrowed;
        this.locks = locks;
        this.keys = keys;
        this.reacquire = reacquire;
        this.release = release;
        this.where = where;
    }

    Connection connection() {
        return borrowed.connection();
    }

    /**
     * Inside a write's transaction: refuses the write when the server session does not hold this run's
     * locks, as behind a pooler that moved the connection to another session, or after a reset.
     */
    void checkHeld() throws SQLException {
        if (!locks.holds(borrowed.connection(), keys)) {
            throw new StateException("this run's lock on " + where + " is not held by its database session: the"
                    + " session was reset or a pooler in transaction or statement mode (PgBouncer pool_mode ="
                    + " transaction) moved the connection: " + FailureAdvice.SESSION_POOLING
                    + ". Nothing was written.");
        }
    }

    /** Drops the broken connection and waits for a new one that holds the same locks. */
    void reconnect() {
        release.release(borrowed, locks, List.of());
        LockedConnection fresh = reacquire.reacquire();
        this.borrowed = fresh.borrowed;
    }

    /** Releases the locks and gives the connection back. */
    void close() {
        release.release(borrowed, locks, keys);
    }
}
