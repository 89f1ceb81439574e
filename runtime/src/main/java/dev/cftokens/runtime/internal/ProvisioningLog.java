package dev.cftokens.runtime.internal;

import dev.cftokens.runtime.provision.ProvisioningOutput;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The provisioning logger when {@link System.Logger} is java.util.logging, as in a plain Java application:
 * each record names the logger as its source (JUL's default header would name the class that called
 * {@code System.Logger}), and while JUL runs on its defaults (no configuration file or class, no format,
 * the root's one console handler) each record prints as one line, such as
 * {@code 2026-12-03 10:15:02 INFO dev.cftokens.provisioning: + create readonly-token}, instead of JUL's
 * two. An application that configures logging gets its own format. Loaded only when JUL is the backend.
 */
public final class ProvisioningLog {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private static final ProvisioningLog INSTANCE = new ProvisioningLog();

    // Held: java.util.logging keeps loggers only weakly, and with them their handlers.
    private final Logger logger = Logger.getLogger(ProvisioningOutput.LOGGER_NAME);
    /** The one-line handler while JUL runs on its defaults; null otherwise. */
    private ConsoleHandler oneLine;

    private ProvisioningLog() {}

    /** {@return the log of {@value ProvisioningOutput#LOGGER_NAME}} */
    public static ProvisioningLog get() {
        return INSTANCE;
    }

    /**
     * Logs {@code message}, one record per line.
     *
     * @param warning whether at WARNING rather than INFO
     * @param message the text, never a token value
     */
    public void log(boolean warning, String message) {
        Level level = warning ? Level.WARNING : Level.INFO;
        if (!logger.isLoggable(level)) {
            return;
        }
        followConfiguration();
        message.lines().forEach(line -> logger.logp(level, ProvisioningOutput.LOGGER_NAME, null, line));
    }

    /**
     * On JUL's defaults, prints this logger's records one line each to standard error, through a console
     * handler of its own with the root console handler's level, instead of the root's two-line format; and
     * gives the records back to the root's handlers once the application configures logging (a bridge to
     * SLF4J, a configuration read later). Asked at every record: a few property and field reads.
     */
    private synchronized void followConfiguration() {
        Handler[] rootHandlers = Logger.getLogger("").getHandlers();
        boolean defaults = System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null
                && System.getProperty("java.util.logging.SimpleFormatter.format") == null
                && LogManager.getLogManager().getProperty("java.util.logging.SimpleFormatter.format") == null
                && rootHandlers.length == 1
                && rootHandlers[0].getClass() == ConsoleHandler.class;
        if (defaults && oneLine == null && logger.getHandlers().length == 0 && logger.getUseParentHandlers()) {
            oneLine = new ConsoleHandler();
            oneLine.setLevel(rootHandlers[0].getLevel());
            oneLine.setFormatter(new Formatter() {
                @Override
                public String format(LogRecord record) {
                    return TIME.format(record.getInstant()) + " "
                            + record.getLevel().getName() + " " + record.getLoggerName() + ": " + formatMessage(record)
                            + System.lineSeparator();
                }
            });
            logger.addHandler(oneLine);
            logger.setUseParentHandlers(false);
        } else if (!defaults && oneLine != null) {
            logger.removeHandler(oneLine);
            logger.setUseParentHandlers(true);
            oneLine = null;
        }
    }
}
