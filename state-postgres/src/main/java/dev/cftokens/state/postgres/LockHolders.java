package dev.cftokens.state.postgres;

import dev.cftokens.runtime.state.StateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The store's lock-holder rows ({@code cftokens_locks}): who holds an exclusive lock and since when, so
 * that a wait that runs out can name the holder. A row counts only while its server session still holds
 * the lock in {@code pg_locks}: a holder that died leaves a row that nothing believes, and the next holder
 * overwrites it. A row already there for this very server session but written by another client means a
 * pooler hands one session to several clients (PgBouncer's transaction or statement pooling), under which
 * session locks are no locks at all.
 *
 * <p>A database restart ends every session and so every lock, also those of holders that are alive and
 * about to write; each row therefore notes the server's start, and the lock of a row from before the
 * last restart stays reserved for its run for {@link #RECLAIM}.
 */
final class LockHolders {
    /**
     * How long after a database restart a lock stays reserved for the run that held it before: time for a
     * holder that lived through the restart to reconnect and take its lock back, so that nobody else starts
     * the create it may have in flight.
     */
    static final Duration RECLAIM = Duration.ofSeconds(30);

    private final TableNames tables;
    private final String where;

    LockHolders(TableNames tables, String where) {
        this.tables = tables;
        this.where = where;
    }

    /**
     * Notes this run as the holder of {@code exclusive}, whose advisory locks its session just took with the
     * rest of {@code taken}; false when one of {@code taken} is still reserved for a holder that a database
     * restart cut off (see {@link #RECLAIM}): a shared lock on the whole state too, kept for a whole-state run.
     */
    boolean record(
            Connection connection,
            int lockClass,
            List<Integer> taken,
            List<Integer> exclusive,
            String holder,
            String run)
            throws SQLException {
        for (int object : taken) {
            if (!mayTake(connection, lockClass, object, run)) {
                return false;
            }
        }
        for (int object : exclusive) {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + tables.locks()
                    + " (lock_class, lock_object, pid, application_name, since, run, server_started)"
                    + " VALUES (?, ?, pg_backend_pid(), ?, now(), ?, pg_postmaster_start_time())"
                    + " ON CONFLICT (lock_class, lock_object) DO UPDATE SET pid = EXCLUDED.pid,"
                    + " application_name = EXCLUDED.application_name, since = EXCLUDED.since, run = EXCLUDED.run,"
                    + " server_started = EXCLUDED.server_started")) {
                upsert.setInt(1, lockClass);
                upsert.setInt(2, object);
                upsert.setString(3, holder);
                upsert.setString(4, run);
                upsert.executeUpdate();
            }
        }
        return true;
    }

    /**
     * Whether this run may take {@code object}, whose advisory lock its session holds: yes over no row, its
     * own row, or the row of a holder whose session ended while the server ran (it died and released at
     * once); no, for {@link #RECLAIM} after a restart, over the row of a holder the restart cut off, which
     * may be alive and in the middle of a create; never over another client's row on this same session (a
     * row of this pid written before this session began is a dead holder's whose pid the server reused).
     */
    private boolean mayTake(Connection connection, int lockClass, int object, String run) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT run, pid = pg_backend_pid() AND since"
                + " >= (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()),"
                + " server_started < pg_postmaster_start_time(), now() - pg_postmaster_start_time() < ?::interval"
                + " FROM " + tables.locks() + " WHERE lock_class = ? AND lock_object = ?")) {
            select.setString(1, RECLAIM.toMillis() + " milliseconds");
            select.setInt(2, lockClass);
            select.setInt(3, object);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || row.getString(1).equals(run)) {
                    return true;
                }
                if (row.getBoolean(2)) {
                    throw sharedSession();
                }
                return !(row.getBoolean(3) && row.getBoolean(4));
            }
        }
    }

    private StateException sharedSession() {
        return new StateException("another client already holds this lock on the same PostgreSQL server session,"
                + " so the connection to " + where + " goes through a pooler in transaction or statement mode"
                + " (PgBouncer pool_mode = transaction), under which advisory locks do not keep instances apart: "
                + FailureAdvice.SESSION_POOLING + ". Nothing was written.");
    }

    /** Drops this session's rows for {@code objects}, before their locks are released. */
    void forget(Connection connection, int lockClass, List<Integer> objects) throws SQLException {
        for (int object : objects) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + tables.locks()
                    + " WHERE lock_class = ? AND lock_object = ? AND pid = pg_backend_pid()")) {
                delete.setInt(1, lockClass);
                delete.setInt(2, object);
                delete.executeUpdate();
            }
        }
    }

    /**
     * The sessions that hold one of {@code keys} in a mode that keeps this run out: "cftokens 812@web-1
     * (pid 4242) for 3.4 s"; "nobody now" when they were released meanwhile.
     */
    String describe(Connection connection, int lockClass, List<AdvisoryLocks.Key> keys) throws SQLException {
        Set<String> found = new LinkedHashSet<>();
        for (AdvisoryLocks.Key key : keys) {
            // A shared request waits only for exclusive holders; an exclusive one for any.
            String modes =
                    key.mode() == AdvisoryLocks.Mode.SHARED ? "('ExclusiveLock')" : "('ExclusiveLock', 'ShareLock')";
            try (PreparedStatement select = connection.prepareStatement("SELECT l.pid,"
                    + " coalesce(h.application_name, nullif(a.application_name, '')),"
                    + " extract(epoch FROM now() - coalesce(h.since, a.backend_start)), l.mode = 'ShareLock'"
                    + " FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                    + " LEFT JOIN " + tables.locks() + " h ON h.pid = l.pid AND h.lock_class = ? AND h.lock_object = ?"
                    + " WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid() AND l.objsubid = 2"
                    + " AND l.classid = ?::bigint::oid AND l.objid = ?::bigint::oid AND l.mode IN " + modes
                    + " ORDER BY 3 DESC NULLS LAST")) {
                select.setInt(1, lockClass);
                select.setInt(2, key.object());
                select.setLong(3, Integer.toUnsignedLong(lockClass));
                select.setLong(4, Integer.toUnsignedLong(key.object()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(holder(rows));
                    }
                }
            }
        }
        found.addAll(reserved(connection, lockClass, keys));
        return found.isEmpty() ? "nobody now" : String.join(", ", found);
    }

    /** The holders a restart cut off whose locks are still reserved for them. */
    private List<String> reserved(Connection connection, int lockClass, List<AdvisoryLocks.Key> keys)
            throws SQLException {
        List<String> reserved = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT application_name,"
                + " extract(epoch FROM pg_postmaster_start_time() + ?::interval - now())"
                + " FROM " + tables.locks() + " WHERE lock_class = ? AND lock_object = ANY (?)"
                + " AND server_started < pg_postmaster_start_time()"
                + " AND now() - pg_postmaster_start_time() < ?::interval")) {
            select.setString(1, RECLAIM.toMillis() + " milliseconds");
            select.setInt(2, lockClass);
            select.setArray(
                    3,
                    connection.createArrayOf(
                            "integer",
                            keys.stream().map(AdvisoryLocks.Key::object).toArray()));
            select.setString(4, RECLAIM.toMillis() + " milliseconds");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    reserved.add('"' + rows.getString(1) + "\" (cut off by the database's restart; its lock is kept"
                            + " for it " + Backoff.describe(Duration.ofMillis((long) (rows.getDouble(2) * 1000)))
                            + " more)");
                }
            }
        }
        return reserved;
    }

    private static String holder(ResultSet row) throws SQLException {
        String name = row.getString(2);
        List<String> parts = new ArrayList<>();
        parts.add(name == null ? "a session without an application_name" : '"' + name + '"');
        parts.add("(pid " + row.getInt(1) + (row.getBoolean(4) ? ", reading" : "") + ")");
        double seconds = row.getDouble(3);
        if (!row.wasNull()) {
            parts.add("for " + Backoff.describe(Duration.ofMillis((long) (seconds * 1000))));
        }
        return String.join(" ", parts);
    }
}
