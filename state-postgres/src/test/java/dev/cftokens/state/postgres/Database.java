package dev.cftokens.state.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server for this module's tests (binaries from Maven Central, no Docker), started
 * at first use and stopped when the JVM exits. Tests keep apart by table prefix, not by server.
 */
final class Database {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Database() {}

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // The JVM is going; the server's directory is temporary anyway.
                }
            }));
        }
        return server;
    }

    /** {@code jdbc:postgresql://localhost:<port>/postgres?user=postgres}, as users write it. */
    static String url() {
        return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/postgres?user=postgres";
    }

    static DataSource dataSource() {
        return server().getPostgresDatabase();
    }

    /** A table prefix no other test in this JVM uses. */
    static String freshPrefix() {
        return "t" + PREFIXES.incrementAndGet() + "_";
    }
}
