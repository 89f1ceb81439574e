package dev.cftokens.state.postgres;

import java.sql.SQLException;

/**
 * What a user can change when the database refuses the store for good: the advice that follows a
 * permanent failure's message, naming the setting that decides it.
 */
final class FailureAdvice {
    /** What to change when a pooler hands the store's server session to other clients as well. */
    static final String SESSION_POOLING = "connect the state to PostgreSQL directly, or through a pool in session"
            + " mode (PgBouncer: pool_mode = session for the state's database entry)";

    private FailureAdvice() {}

    /**
     * The advice for {@code failure}.
     *
     * @param origin where the connection settings come from: {@code CFTOKENS_STATE}, "the application's data source"
     */
    static String of(SQLException failure, String origin) {
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        if (state.startsWith("28")) {
            return "the server refused the user: check the user and password (in " + origin
                    + ", or CFTOKENS_STATE_USER and CFTOKENS_STATE_PASSWORD) and that pg_hba.conf admits them";
        }
        if (state.equals("3D000")) {
            return "the database named in " + origin + " does not exist: create it, or name an existing one in the"
                    + " URL's path (jdbc:postgresql://host:5432/<database>)";
        }
        if (state.equals("3F000")) {
            return "the schema named in " + origin + " does not exist and cannot be created: create it, or give"
                    + " the store another one (?currentSchema= or PostgresStateStore.Builder.schema)";
        }
        if (state.equals("42501")) {
            return "the user of " + origin + " lacks a privilege: grant it CONNECT on the database, USAGE (and"
                    + " CREATE, for the first start, which creates the tables) on the schema, and SELECT, INSERT,"
                    + " UPDATE, DELETE on the store's tables";
        }
        if (state.equals("42P05") || state.equals("26000")) {
            // PgJDBC's named statements (S_1, ...) found, or missing, on a server session another client used.
            return "prepared statements of other clients are on this server session, so a pooler in transaction or"
                    + " statement mode (PgBouncer pool_mode = transaction) is between the store and PostgreSQL, under"
                    + " which advisory locks do not keep instances apart: " + SESSION_POOLING;
        }
        if (state.startsWith("08")) {
            return "check " + origin + ": the host and port, that the database is running and reachable";
        }
        return "check " + origin + " and the database's log";
    }
}
