package dev.cftokens.runtime.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.internal.ProvisioningLog;
import java.io.PrintStream;

/**
 * Where provisioning reports plans, progress and warnings: the one channel of a run, so nothing is said
 * twice. A command line prints ({@link #to(PrintStream)}); a library logs ({@link #logger()}, the default of
 * {@link dev.cftokens.runtime.Provisioning}); an application picks either, or its own. Lines never hold a
 * token value.
 */
@FunctionalInterface
public interface ProvisioningOutput {
    /** The {@link System.Logger} {@link #logger()} writes to. */
    String LOGGER_NAME = "dev.cftokens.provisioning";

    /**
     * Reports one line (or several, separated by line breaks) of a plan or of progress.
     *
     * @param line the text, never a token value
     */
    void line(String line);

    /**
     * Reports something the user should act on: a token rolled or adopted for want of a stored value, an
     * expired token, an unrecorded token left alone. By default reported like any other line.
     *
     * @param warning the text, such as {@code ! token readonly-token expired on ...}; never a token value
     */
    default void warning(String warning) {
        line(warning);
    }

    /**
     * Prints each line and warning to {@code stream}.
     *
     * @param stream where to print, such as {@code System.out}; flushed after each line
     * @return an output that prints
     */
    static ProvisioningOutput to(PrintStream stream) {
        requireNonNull(stream, "stream");
        return line -> {
            stream.println(line);
            stream.flush();
        };
    }

    /**
     * Logs through {@link System.Logger} {@value #LOGGER_NAME}: lines at INFO, warnings at WARNING, one
     * record per line. When that is java.util.logging (no other backend installed), each record names the
     * logger as its source, and while java.util.logging runs on its defaults each prints as one line:
     * {@code 2026-12-03 10:15:02 INFO dev.cftokens.provisioning: + create readonly-token}.
     *
     * @return an output that logs
     */
    static ProvisioningOutput logger() {
        if (System.LoggerFinder.getLoggerFinder()
                .getClass()
                .getName()
                .equals("sun.util.logging.internal.LoggingProviderImpl")) {
            ProvisioningLog log = ProvisioningLog.get();
            return new ProvisioningOutput() {
                @Override
                public void line(String line) {
                    log.log(false, line);
                }

                @Override
                public void warning(String warning) {
                    log.log(true, warning);
                }
            };
        }
        System.Logger logger = System.getLogger(LOGGER_NAME);
        return new ProvisioningOutput() {
            @Override
            public void line(String line) {
                line.lines().forEach(each -> logger.log(System.Logger.Level.INFO, each));
            }

            @Override
            public void warning(String warning) {
                warning.lines().forEach(each -> logger.log(System.Logger.Level.WARNING, each));
            }
        };
    }

    /**
     * Drops every line and warning.
     *
     * @return an output that says nothing
     */
    static ProvisioningOutput silent() {
        return line -> {};
    }
}
