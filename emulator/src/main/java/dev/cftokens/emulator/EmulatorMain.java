package dev.cftokens.emulator;

import dev.cftokens.core.catalog.CatalogFormatException;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar cftokens-emulator-<version>-standalone.jar [options]}: runs the emulator until Ctrl-C,
 * printing the base URL and the admin token first.
 */
public final class EmulatorMain {
    static final String USAGE = String.join(
            "\n",
            "Usage: java -jar cftokens-emulator-standalone.jar [options]",
            "Cloudflare's token API on 127.0.0.1, for tests and demos.",
            "",
            "Options:",
            "  --port <n>          port to listen on (default 0: any free port)",
            "  --admin-token <t>   bootstrap admin token, 40-80 chars of [A-Za-z0-9_-] (default: random at each start)",
            "  --account-id <hex>  the account's 32-hex id (default: random, or the state file's)",
            "  --email <e>         the user's e-mail for the global API key (default user@example.com)",
            "  --api-key <k>       the user's global API key (default: random at each start)",
            "  --latency <ms>      delay every answer by this many milliseconds (default 0)",
            "  --fault-rate <0-1>  share of requests that answer 500, 502 or 503 (default 0)",
            "  --drop-rate <0-1>   share of changes (create, update, delete, roll, uploads) carried out but",
            "                      answered by closing the connection (default 0)",
            "  --seed <n>          seed of the fault draws, for reproducible runs (default 1)",
            "  --rate-limit [n/s]  limit each credential to n requests per s seconds (default off;",
            "                      without a value Cloudflare's 1200/300)",
            "  --address-rate-limit [n/s]  limit the client address (all clients: the emulator listens on",
            "                      loopback) to n requests per s seconds, then 429 for 300 s (default off;",
            "                      without a value Cloudflare's 200/1)",
            "  --state <file>      keep tokens (hashes only, never values) across restarts in this JSON file",
            "  --catalog <file>    permission groups to use instead of the bundled snapshot",
            "  --clock-offset <d>  start the clock this far ahead of the system clock, an ISO-8601 duration",
            "                      such as P30D or PT1H (default PT0S): tokens expire and age as if it had passed",
            "  --help              print this help",
            "",
            "Moving the clock from another process: GET <host>/__emulator/clock answers",
            "{\"now\": \"2030-01-01T00:00:00Z\", \"offset\": \"PT0S\"} in Cloudflare's envelope; POST it with",
            "{\"advance\": \"P30D\"} to move the clock forward (never back). Both take the admin token as",
            "\"Authorization: Bearer <token>\" (or the global API key), e.g.",
            "  curl -H \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" -d '{\"advance\": \"P30D\"}' \\",
            "       http://127.0.0.1:<port>/__emulator/clock",
            "",
            "Prints shell lines to eval or paste: export CLOUDFLARE_BASE_URL=..., export CLOUDFLARE_API_TOKEN=...,",
            "export CLOUDFLARE_ACCOUNT_ID=..., and the global API key pair only as a # comment (clients refuse",
            "both a token and a global key). Ctrl-C stops it.");

    private EmulatorMain() {}

    /** A start-up failure that is not a usage error: a file or port the arguments name cannot be used. */
    static final class StartFailure extends RuntimeException {
        StartFailure(String what, Throwable cause) {
            super(what, cause);
        }
    }

    /**
     * Starts the emulator and waits until Ctrl-C; exits with status 2 after a usage error, 1 when a file or
     * port the options name cannot be used.
     *
     * @param args the options; {@code --help} lists them
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        EmulatorOptions options;
        try {
            options = parse(args);
        } catch (StartFailure e) {
            exitWithError(e);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("cftokens emulator: " + e.getMessage());
            System.err.println();
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(USAGE);
            return;
        }
        CloudflareEmulator emulator;
        try {
            emulator = CloudflareEmulator.start(options);
        } catch (RuntimeException e) {
            exitWithError(e);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            emulator.close();
                            System.out.println("Cloudflare emulator stopped");
                            System.out.flush();
                            stopped.countDown();
                        },
                        "cloudflare-emulator-shutdown"));
        announce(emulator, System.out);
        stopped.await();
    }

    /**
     * Lines a shell can eval or a user can paste: {@code export NAME=value} for what a client needs, every
     * other line a {@code #} comment. The global API key pair is only a comment: a client given both it and
     * the API token refuses to choose. Values are unquoted (URL, token and hex id need no quoting), so a
     * parser that strips an optional {@code export } and splits on the first '=' reads them too.
     */
    static void announce(CloudflareEmulator emulator, PrintStream out) {
        out.println("# Cloudflare emulator listening on " + emulator.baseUrl());
        out.println("export CLOUDFLARE_BASE_URL=" + emulator.baseUrl());
        out.println("export CLOUDFLARE_API_TOKEN=" + emulator.adminToken());
        out.println("export CLOUDFLARE_ACCOUNT_ID=" + emulator.accountId());
        out.println("# global API key: CLOUDFLARE_EMAIL=" + emulator.userEmail() + " CLOUDFLARE_API_KEY="
                + emulator.globalApiKey());
        out.println("# Press Ctrl-C to stop.");
        out.flush();
    }

    /**
     * One line, {@code error: <what>: <cause>}, and status 1: a stack trace tells the user of a port in use
     * or a broken file nothing more, and buries the line that matters.
     */
    private static void exitWithError(RuntimeException e) {
        StringBuilder line = new StringBuilder("error: ").append(e.getMessage());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !line.toString().contains(message)) {
                line.append(": ").append(message);
            }
        }
        System.err.println(line.toString().replaceAll("\\s*\\R\\s*", " "));
        System.exit(1);
    }

    /** The options the arguments ask for, or null when they ask for help. */
    static EmulatorOptions parse(String[] args) {
        EmulatorOptions.Builder builder = EmulatorOptions.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help":
                case "-h":
                    return null;
                case "--port":
                    builder.port(intValue(arg, value(args, ++i, arg)));
                    break;
                case "--admin-token":
                    builder.adminToken(value(args, ++i, arg));
                    break;
                case "--account-id":
                    builder.accountId(value(args, ++i, arg));
                    break;
                case "--email":
                    builder.userEmail(value(args, ++i, arg));
                    break;
                case "--api-key":
                    builder.globalApiKey(value(args, ++i, arg));
                    break;
                case "--latency":
                    builder.latency(Duration.ofMillis(intValue(arg, value(args, ++i, arg))));
                    break;
                case "--fault-rate":
                    builder.fault(Fault.serverErrors(doubleValue(arg, value(args, ++i, arg))));
                    break;
                case "--drop-rate":
                    builder.fault(Fault.commitThenDrop(doubleValue(arg, value(args, ++i, arg)))
                            .on(
                                    RequestKind.CREATE_TOKEN,
                                    RequestKind.UPDATE_TOKEN,
                                    RequestKind.DELETE_TOKEN,
                                    RequestKind.ROLL_TOKEN,
                                    RequestKind.UPLOAD_WORKER_SCRIPT,
                                    RequestKind.PUT_WORKER_SECRET));
                    break;
                case "--seed":
                    builder.seed(longValue(arg, value(args, ++i, arg)));
                    break;
                case "--rate-limit":
                    builder.rateLimit(
                            valueFollows(args, i) ? rateLimit(arg, args[++i], null) : EmulatedRateLimit.cloudflare());
                    break;
                case "--address-rate-limit":
                    builder.addressRateLimit(
                            valueFollows(args, i)
                                    ? rateLimit(
                                            arg,
                                            args[++i],
                                            EmulatedRateLimit.cloudflarePerAddress()
                                                    .block())
                                    : EmulatedRateLimit.cloudflarePerAddress());
                    break;
                case "--state":
                    builder.statePath(Path.of(value(args, ++i, arg)));
                    break;
                case "--catalog":
                    builder.catalog(catalog(value(args, ++i, arg)));
                    break;
                case "--clock-offset":
                    builder.clockOffset(duration(arg, value(args, ++i, arg)));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option \"" + arg + "\"");
            }
        }
        return builder.build();
    }

    private static PermissionGroupCatalog catalog(String file) {
        try {
            return PermissionGroupCatalog.read(Path.of(file));
        } catch (CatalogFormatException | UncheckedIOException e) {
            throw new StartFailure("--catalog", e);
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int intValue(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not \"" + value + "\"");
        }
    }

    private static long longValue(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not \"" + value + "\"");
        }
    }

    private static double doubleValue(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number from 0 to 1, not \"" + value + "\"");
        }
    }

    /** An ISO-8601 duration, zero or more: the clock only moves forward. */
    private static Duration duration(String option, String value) {
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    option + " takes an ISO-8601 duration such as P30D or PT1H, not \"" + value + "\"");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException(
                    option + " must not be negative, not \"" + value + "\"; the emulator's clock only moves forward");
        }
        return duration;
    }

    /** Whether the option at {@code i} is followed by its optional value rather than by the next option. */
    private static boolean valueFollows(String[] args, int i) {
        return i + 1 < args.length && !args[i + 1].startsWith("--");
    }

    /** {@code <requests>/<seconds>}, blocking for {@code block} past the limit, or for one window when null. */
    private static EmulatedRateLimit rateLimit(String option, String value, Duration block) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(
                    option + " takes <requests>/<seconds> such as 1200/300, not \"" + value + "\"");
        }
        Duration window = Duration.ofSeconds(longValue(option, value.substring(slash + 1)));
        return new EmulatedRateLimit(
                intValue(option, value.substring(0, slash)), window, block == null ? window : block);
    }
}
