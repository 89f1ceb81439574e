package dev.cftokens.state.postgres;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Which database failures are worth another attempt, as OkHttp's {@code isRecoverable} decides for a
 * request: a server that is restarting, failing over or full of clients, and a connection cut under a
 * run, are gone in seconds; a wrong password, a missing database or a missing grant are not, and retrying
 * them would only hide the message for the length of the lock wait.
 */
final class TransientFailures {
    /** SQLSTATEs outside class 08 that a restart or a crowd causes, and a later attempt cures. */
    private static final Set<String> TRANSIENT = Set.of(
            "57P01", // admin_shutdown: the server is stopping (fast or immediate shutdown, a failover)
            "57P02", // crash_shutdown: another backend crashed and the server resets every session
            "57P03", // cannot_connect_now: the database system is starting up or shutting down
            "53300", // too_many_connections: max_connections reached for now
            "40001", // serialization_failure
            "40P01"); // deadlock_detected: the transaction was rolled back as a whole

    private TransientFailures() {}

    /** True when {@code failure} (or what caused it) is a connection fault or a server that will be back. */
    static boolean isTransient(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isTransient(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof IOException) {
                return true; // the socket broke: PgJDBC's "An I/O error occurred while sending to the backend"
            }
        }
        return false;
    }

    private static boolean isTransient(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        // Class 08 is "connection exception": refused (08001), broken (08006), lost (08003). A protocol
        // violation (08P01) is a misconfiguration such as a pooler that speaks another protocol: it stays.
        return (sqlState.startsWith("08") && !sqlState.equals("08P01")) || TRANSIENT.contains(sqlState);
    }
}
