package dev.cftokens.state.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A connection the store got, from the application's pool or from its URL, and the one setting the store
 * changes on it: {@code autoCommit}, which the store needs on and turns off for each write. The application's
 * value goes back before the connection does, since a pool need not reset it and the application's next
 * borrower expects its own.
 */
record BorrowedConnection(Connection connection, boolean autoCommit) {
    /** Notes {@code connection}'s setting and turns autoCommit on; closes the connection if that fails. */
    static BorrowedConnection of(Connection connection) throws SQLException {
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            return new BorrowedConnection(connection, autoCommit);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Puts the application's autoCommit back; the caller then closes the connection. */
    void restore() throws SQLException {
        if (connection.getAutoCommit() != autoCommit) {
            connection.setAutoCommit(autoCommit);
        }
    }
}
