package dev.cftokens.runtime.internal.http;

import java.time.Duration;

/**
 * The timeouts of each HTTP attempt; zero for none. Null in a component means "as the given OkHttp client
 * has it" (only where the user handed one in).
 *
 * @param connect time to open a connection
 * @param read longest silence while reading (and writing)
 * @param call longest time of one attempt from start to finish
 */
public record HttpTimeouts(Duration connect, Duration read, Duration call) {
    /** The defaults: 10 s to connect, 30 s of silence, 60 s per attempt. */
    public static final HttpTimeouts DEFAULTS =
            new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));

    /**
     * {@return these timeouts with each one set in {@code overrides} taking the place of this one's}
     *
     * @param overrides timeouts of which the non-null ones win
     */
    public HttpTimeouts overriddenBy(HttpTimeouts overrides) {
        return new HttpTimeouts(
                overrides.connect != null ? overrides.connect : connect,
                overrides.read != null ? overrides.read : read,
                overrides.call != null ? overrides.call : call);
    }
}
