package dev.cftokens.state.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PgBouncer process of a test's own in front of a PostgreSQL on this machine: a generated config in
 * a temporary directory (trust, with the one user in a userlist), a free port, stopped and its directory
 * deleted on {@link #close()}. Run as {@code nobody} when the tests run as root, since PgBouncer refuses
 * root without {@code -u}.
 */
final class PgBouncer implements AutoCloseable {
    /** Where Debian's package puts the binary, which is not on a non-root user's PATH. */
    private static final List<String> PLACES = List.of("/usr/sbin/pgbouncer", "/usr/local/sbin/pgbouncer");

    private final Path directory;
    private final Process process;
    private final int port;

    private PgBouncer(Path directory, Process process, int port) {
        this.directory = directory;
        this.process = process;
        this.port = port;
    }

    /** The {@code pgbouncer} binary on the PATH or where Debian puts it; empty when it is not installed. */
    static Optional<Path> binary() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    candidates.add(Path.of(entry, "pgbouncer"));
                }
            }
        }
        PLACES.forEach(place -> candidates.add(Path.of(place)));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts PgBouncer for database {@code postgres} of the server on {@code serverPort}, in {@code poolMode}
     * ({@code session}, {@code transaction}), with at most {@code poolSize} server connections.
     */
    static PgBouncer start(Path binary, int serverPort, String poolMode, int poolSize) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("cftokens-pgbouncer-");
            // Readable by the user PgBouncer switches to; the userlist holds no password (trust).
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            int port = freePort();
            Path users = write(directory.resolve("userlist.txt"), "\"postgres\" \"\"\n");
            Path config = write(
                    directory.resolve("pgbouncer.ini"),
                    String.join(
                            "\n",
                            "[databases]",
                            "postgres = host=127.0.0.1 port=" + serverPort + " dbname=postgres user=postgres",
                            "[pgbouncer]",
                            "listen_addr = 127.0.0.1",
                            "listen_port = " + port,
                            "unix_socket_dir =",
                            "auth_type = trust",
                            "auth_file = " + users,
                            "pool_mode = " + poolMode,
                            "default_pool_size = " + poolSize,
                            "max_client_conn = 1000",
                            // PgJDBC sends it at startup; PgBouncer refuses parameters it does not know.
                            "ignore_startup_parameters = extra_float_digits",
                            ""));
            List<String> command = new ArrayList<>(List.of(binary.toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "nobody"));
            }
            command.add(config.toString());
            Path log = directory.resolve("pgbouncer.log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PgBouncer bouncer = new PgBouncer(directory, process, port);
            bouncer.awaitListening(log);
            return bouncer;
        } catch (IOException e) {
            TemporaryDirectory.delete(directory);
            throw new UncheckedIOException("cannot start PgBouncer", e);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/postgres?user=postgres}, through PgBouncer. */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    private void awaitListening(Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = Files.readString(log);
                close();
                throw new IllegalStateException("PgBouncer exited with " + process.exitValue() + ":\n" + output);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        String output = Files.readString(log);
        close();
        throw new IllegalStateException("PgBouncer did not listen on " + port + " within 15 s:\n" + output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PgBouncer", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TemporaryDirectory.delete(directory);
    }
}
