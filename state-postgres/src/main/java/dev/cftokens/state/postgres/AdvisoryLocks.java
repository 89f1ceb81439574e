package dev.cftokens.state.postgres;

import dev.cftokens.runtime.state.StateException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The store's locks: PostgreSQL session-level advisory locks, which the database releases when the
 * holding connection ends, so a crashed or killed instance never leaves a stale lock. Keys are two
 * 32-bit numbers: the first names this state (schema and table prefix), the second the whole state
 * ({@code 0}) or one declaration. A full run holds the state exclusively; a run for some declarations
 * holds the state shared and each of its declarations exclusively, so runs for other declarations, as
 * other services sharing the tables have, never wait for it.
 */
final class AdvisoryLocks {
    private static final System.Logger LOG = System.getLogger("dev.cftokens.state");
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final int WHOLE_STATE = 0;

    private final int stateClass;
    private final int setupClass;

    AdvisoryLocks(String namespace) {
        this.stateClass = hash("cftokens state|" + namespace);
        this.setupClass = hash("cftokens schema|" + namespace);
    }

    /** The key that serializes creating the tables. */
    int setupClass() {
        return setupClass;
    }

    /** How a lock is held: alone, or beside other shared holders. */
    enum Mode {
        SHARED("pg_advisory_lock_shared", "pg_try_advisory_lock_shared"),
        EXCLUSIVE("pg_advisory_lock", "pg_try_advisory_lock");

        private final String waiting;
        private final String trying;

        Mode(String waiting, String trying) {
            this.waiting = waiting;
            this.trying = trying;
        }
    }

    /** Takes the whole state exclusively. */
    void lockState(Connection connection, Duration wait, String where) throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        acquire(connection, Mode.EXCLUSIVE, WHOLE_STATE, deadline, wait, wholeStateHolder(where));
    }

    /**
     * Takes the state shared and each declaration in {@code mode}, in one order so two runs never deadlock:
     * exclusively for a run that changes them, shared for one that only reads them (which then waits for a
     * run changing them, never for other readers).
     */
    void lockDeclarations(
            Connection connection, Collection<String> declarationIds, Mode mode, Duration wait, String where)
            throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        acquire(connection, Mode.SHARED, WHOLE_STATE, deadline, wait, wholeStateHolder(where));
        String holder = "another instance is provisioning " + declarationIds + " in " + where;
        for (int key : keys(declarationIds)) {
            acquire(connection, mode, key, deadline, wait, holder);
        }
    }

    /**
     * Takes the state shared and each declaration exclusively if that is possible right now; false, holding
     * nothing, when another run holds one of them.
     */
    boolean tryLockDeclarations(Connection connection, Collection<String> declarationIds) throws SQLException {
        boolean locked = tryAcquire(connection, Mode.SHARED, WHOLE_STATE);
        for (Iterator<Integer> key = keys(declarationIds).iterator(); locked && key.hasNext(); ) {
            locked = tryAcquire(connection, Mode.EXCLUSIVE, key.next());
        }
        if (!locked) {
            unlockAll(connection);
        }
        return locked;
    }

    private static String wholeStateHolder(String where) {
        return "another run holds the whole state " + where;
    }

    /** The declarations' keys in ascending order, each once. */
    private static SortedSet<Integer> keys(Collection<String> declarationIds) {
        SortedSet<Integer> keys = new TreeSet<>();
        declarationIds.forEach(id -> keys.add(declarationKey(id)));
        return keys;
    }

    /** Releases every advisory lock this connection holds (the database also does when it closes). */
    void unlockAll(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock_all()");
        }
    }

    private void acquire(Connection connection, Mode mode, int key, long deadline, Duration wait, String holder)
            throws SQLException {
        if (tryAcquire(connection, mode, key)) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "waiting up to {0}: {1}", describe(wait), holder);
        long remainingMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = " + remainingMillis);
            try {
                statement.execute("SELECT " + mode.waiting + "(" + stateClass + ", " + key + ")");
            } catch (SQLException e) {
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw new StateException("waited " + describe(wait) + " for the lock, but " + holder
                            + " still; try again when it is done, or give a longer wait");
                }
                throw e;
            } finally {
                statement.execute("SET lock_timeout = 0");
            }
        }
    }

    private boolean tryAcquire(Connection connection, Mode mode, int key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + mode.trying + "(?, ?)")) {
            statement.setInt(1, stateClass);
            statement.setInt(2, key);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static String describe(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }

    /** A declaration's key: never {@link #WHOLE_STATE}; two ids that collide only wait for each other. */
    static int declarationKey(String declarationId) {
        int key = hash("cftokens declaration|" + declarationId);
        return key == WHOLE_STATE ? 1 : key;
    }

    static int hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ((digest[0] & 0xff) << 24)
                    | ((digest[1] & 0xff) << 16)
                    | ((digest[2] & 0xff) << 8)
                    | (digest[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
