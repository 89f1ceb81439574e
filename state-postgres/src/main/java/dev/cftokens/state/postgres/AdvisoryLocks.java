package dev.cftokens.state.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The store's locks: PostgreSQL session-level advisory locks, which the database releases when the
 * holding connection ends, so a crashed or killed instance never leaves a stale lock. Keys are two
 * 32-bit numbers: the first names this state (schema and table prefix), the second the whole state
 * ({@code 0}) or one declaration. A full run holds the state exclusively; a run for some declarations
 * holds the state shared and each of its declarations exclusively, so runs for other declarations, as
 * other services sharing the tables have, never wait for it.
 *
 * <p>Locks are only ever tried ({@code pg_try_advisory_lock}), never waited for in the server: a waiter
 * polls and gives its connection back between attempts, as Flyway's {@code PostgreSQLAdvisoryLockTemplate}
 * does, so a fleet waiting for one creator needs no connection each. Releasing names each key this run
 * took, never {@code pg_advisory_unlock_all()}, which would also drop the application's own locks on a
 * pooled connection.
 */
final class AdvisoryLocks {
    static final int WHOLE_STATE = 0;

    private final int stateClass;
    private final int setupClass;
    private final LockHolders holders;

    AdvisoryLocks(String namespace, LockHolders holders) {
        this.stateClass = hash("cftokens state|" + namespace);
        this.setupClass = hash("cftokens schema|" + namespace);
        this.holders = holders;
    }

    /** The key that serializes creating the tables. */
    int setupClass() {
        return setupClass;
    }

    /** How a lock is held: alone, or beside other shared holders. */
    enum Mode {
        SHARED("pg_try_advisory_lock_shared", "pg_advisory_unlock_shared"),
        EXCLUSIVE("pg_try_advisory_lock", "pg_advisory_unlock");

        private final String trying;
        private final String unlocking;

        Mode(String trying, String unlocking) {
            this.trying = trying;
            this.unlocking = unlocking;
        }
    }

    /** One lock a run takes: its second number, and how. */
    record Key(Mode mode, int object) {}

    /** The whole state, exclusively. */
    static List<Key> wholeState() {
        return List.of(new Key(Mode.EXCLUSIVE, WHOLE_STATE));
    }

    /**
     * The state shared and each declaration in {@code mode}, in one order so two runs never deadlock:
     * exclusively for a run that changes them, shared for one that only reads them (which then waits for a
     * run changing them, never for other readers).
     */
    static List<Key> declarations(Collection<String> declarationIds, Mode mode) {
        SortedSet<Integer> objects = new TreeSet<>();
        declarationIds.forEach(id -> objects.add(declarationKey(id)));
        List<Key> keys = new ArrayList<>();
        keys.add(new Key(Mode.SHARED, WHOLE_STATE));
        objects.forEach(object -> keys.add(new Key(mode, object)));
        return List.copyOf(keys);
    }

    /**
     * Takes every one of {@code keys} if that is possible right now, and notes this session as their holder;
     * false, holding none of them, when another run holds one (or a database restart cut its holder off
     * moments ago, see {@link LockHolders#RECLAIM}). One transaction, so that a pooler in transaction mode
     * cannot slip another client onto this server session between the lock and its holder's row.
     *
     * @param holder who this run is, for another's message: the connection's application name
     * @param run this run's identity, the same when it takes its locks again after a restart
     * @throws dev.cftokens.runtime.state.StateException when a pooler shares this server session with another
     *     client (transaction pooling), which would make the lock everyone's
     */
    boolean tryLock(Connection connection, List<Key> keys, String holder, String run) throws SQLException {
        List<Key> taken = new ArrayList<>();
        connection.setAutoCommit(false);
        try {
            boolean held = take(connection, keys, holder, run, taken);
            if (!held) {
                unlockOnly(connection, taken);
            }
            connection.commit();
            return held;
        } catch (SQLException | RuntimeException e) {
            abandon(connection, taken, e);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private boolean take(Connection connection, List<Key> keys, String holder, String run, List<Key> taken)
            throws SQLException {
        for (Key key : keys) {
            if (!tryAcquire(connection, key)) {
                return false;
            }
            taken.add(key);
        }
        return holders.record(connection, stateClass, objects(keys), exclusive(keys), holder, run);
    }

    /**
     * After a failure while taking: the keys this attempt took released and its rows rolled back, never
     * another holder's row, which a refusal on a shared server session would otherwise delete.
     */
    private void abandon(Connection connection, List<Key> taken, Exception failure) {
        try {
            // Inside the transaction while it is sound, so that the unlock reaches this same server session.
            unlockOnly(connection, taken);
            taken.clear();
        } catch (SQLException | RuntimeException aborted) {
            failure.addSuppressed(aborted);
        }
        try {
            connection.rollback();
            if (!taken.isEmpty()) {
                unlockOnly(connection, taken);
                connection.commit();
            }
        } catch (SQLException | RuntimeException suppressed) {
            failure.addSuppressed(suppressed); // a broken connection: its session's locks died with it
        }
    }

    /**
     * Releases exactly {@code keys}, last taken first.
     *
     * @return false when this server session did not hold one of them: a pooler moved the connection
     */
    boolean unlock(Connection connection, List<Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return true;
        }
        holders.forget(connection, stateClass, exclusive(keys));
        return unlockOnly(connection, keys);
    }

    /** Releases exactly {@code keys}, last taken first, leaving the holder rows alone. */
    private boolean unlockOnly(Connection connection, List<Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return true;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = keys.size() - 1; i >= 0; i--) {
            Key key = keys.get(i);
            sql.append(key.mode().unlocking).append('(').append(stateClass).append(", ");
            sql.append(key.object()).append(i == 0 ? ")" : "), ");
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString());
                ResultSet result = statement.executeQuery()) {
            result.next();
            boolean all = true;
            for (int column = 1; column <= keys.size(); column++) {
                all &= result.getBoolean(column);
            }
            return all;
        }
    }

    /**
     * True when the server session behind {@code connection} holds every one of {@code keys}: checked inside
     * each write's transaction, so a write never goes out on a session that lost or never had the lock.
     */
    boolean holds(Connection connection, List<Key> keys) throws SQLException {
        SortedSet<Integer> objects = new TreeSet<>();
        keys.forEach(key -> objects.add(key.object()));
        try (PreparedStatement select = connection.prepareStatement("SELECT count(DISTINCT objid) FROM pg_locks"
                + " WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid() AND objsubid = 2"
                + " AND classid = ?::bigint::oid AND objid::bigint = ANY (?)")) {
            select.setLong(1, Integer.toUnsignedLong(stateClass));
            select.setArray(
                    2,
                    connection.createArrayOf(
                            "bigint",
                            objects.stream().map(Integer::toUnsignedLong).toArray()));
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getInt(1) == objects.size();
            }
        }
    }

    /** Who holds the locks that keep {@code keys} from this run, for a message; empty when nobody does now. */
    String describeHolders(Connection connection, List<Key> keys) throws SQLException {
        return holders.describe(connection, stateClass, keys);
    }

    private static List<Integer> objects(List<Key> keys) {
        return keys.stream().map(Key::object).toList();
    }

    private static List<Integer> exclusive(List<Key> keys) {
        return keys.stream()
                .filter(key -> key.mode() == Mode.EXCLUSIVE)
                .map(Key::object)
                .toList();
    }

    private boolean tryAcquire(Connection connection, Key key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + key.mode().trying + "(?, ?)")) {
            statement.setInt(1, stateClass);
            statement.setInt(2, key.object());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
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
