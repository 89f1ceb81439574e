package dev.cftokens.runtime.provision;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;

/**
 * Where the engine reports plans and progress, one line at a time. Lines never hold a token value.
 */
@FunctionalInterface
public interface ProvisioningOutput {
    void line(String line);

    /** Prints each line to {@code stream}. */
    static ProvisioningOutput to(PrintStream stream) {
        requireNonNull(stream, "stream");
        return line -> {
            stream.println(line);
            stream.flush();
        };
    }

    /** Logs each line at INFO through {@link System.Logger} {@code dev.cftokens.provisioning}. */
    static ProvisioningOutput logger() {
        System.Logger logger = System.getLogger("dev.cftokens.provisioning");
        return line -> logger.log(System.Logger.Level.INFO, line);
    }

    /** Drops every line. */
    static ProvisioningOutput silent() {
        return line -> {};
    }
}
