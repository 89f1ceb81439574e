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
 */
final class LockHolders {
    private final TableNames tables;
    private final String where;

    LockHolders(TableNames tables, String where) {
        this.tables = tables;
        this.where = where;
    }

    /** Notes this session as the holder of {@code objects}, just taken. */
    void record(Connection connection, int lockClass, List<Integer> objects, String holder) throws SQLException {
        for (int object : objects) {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + tables.locks()
                    + " AS held (lock_class, lock_object, pid, application_name, since)"
                    + " VALUES (?, ?, pg_backend_pid(), ?, now()) ON CONFLICT (lock_class, lock_object) DO UPDATE"
                    + " SET pid = EXCLUDED.pid, application_name = EXCLUDED.application_name, since = EXCLUDED.since"
                    + " WHERE held.pid <> EXCLUDED.pid")) {
                upsert.setInt(1, lockClass);
                upsert.setInt(2, object);
                upsert.setString(3, holder);
                if (upsert.executeUpdate() == 0) {
                    throw sharedSession();
                }
            }
        }
    }

    private StateException sharedSession() {
        return new StateException("another client already holds this lock on the same PostgreSQL server session,"
                + " so the connection to " + where + " goes through a pooler in transaction or statement mode"
                + " (PgBouncer pool_mode = transaction), under which advisory locks do not keep instances apart;"
                + " connect the state to PostgreSQL directly, or through a pool in session mode"
                + " (pool_mode = session for the state's database entry). Nothing was written.");
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
        return found.isEmpty() ? "nobody now" : String.join(", ", found);
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
