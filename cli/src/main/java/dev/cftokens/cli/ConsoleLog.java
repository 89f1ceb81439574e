package dev.cftokens.cli;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * While a command runs, what the runtime logs at INFO and above (such as "rate limited by Cloudflare,
 * waiting 10 s, attempt 3") is printed as one line each, {@code cftokens: <message>}, instead of the
 * two-line records of java.util.logging's console default.
 */
final class ConsoleLog implements AutoCloseable {
    /** Every logger of cftokens is below this one. */
    static final String ROOT = "dev.cftokens";

    // Held while installed: java.util.logging keeps loggers only weakly, and with them their handlers.
    private final Logger logger = Logger.getLogger(ROOT);
    private final boolean parentHandlers;
    private final Handler handler;

    private ConsoleLog(PrintStream err) {
        parentHandlers = logger.getUseParentHandlers();
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    err.println(getFormatter().format(record));
                    err.flush();
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {}
        };
        handler.setLevel(Level.INFO);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                String message = formatMessage(record);
                return "cftokens: " + (record.getLevel().intValue() >= Level.WARNING.intValue() ? "warning: " : "")
                        + message.replace("\n", "\n  ");
            }
        });
    }

    /** Prints the runtime's log records to {@code err}, one line each, until closed. */
    static ConsoleLog install(PrintStream err) {
        ConsoleLog log = new ConsoleLog(err);
        log.logger.setUseParentHandlers(false);
        log.logger.addHandler(log.handler);
        return log;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parentHandlers);
    }
}
