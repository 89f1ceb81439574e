package dev.cftokens.runtime.internal.http;

import okhttp3.OkHttpClient;

/**
 * Which HTTP client carries which request. Reads ({@code GET}) go through the JDK's {@link
 * java.net.HttpURLConnection} and writes through OkHttp, built on the first write: an application starting
 * with its tokens unchanged, or a plan, sends only reads and so never pays for loading OkHttp (measured on a
 * cold JVM: 0.10 s for a first {@code GET} through the JDK, 0.40 s through OkHttp). Writes keep OkHttp for
 * HTTP/2 to Cloudflare and its connection pool under concurrency.
 *
 * <p>Reads go through OkHttp too when the JDK's HTTP logger is at {@code FINE} ({@code DEBUG}): at that level
 * {@code HttpURLConnection} logs every request's headers, the credentials among them, and a secret must
 * never reach a log. A client built around an application's own {@link OkHttpClient} sends everything
 * through it, so its proxy and interceptors see every request.
 */
public final class HttpClients {
    /** The logger {@code HttpURLConnection} writes request headers to, at {@code FINE}. */
    static final String JDK_HTTP_LOGGER = "sun.net.www.protocol.http.HttpURLConnection";

    private final JdkExchange jdk; // null when the application gave its own OkHttp client
    private final OkHttpExchange okHttp;

    private HttpClients(JdkExchange jdk, OkHttpExchange okHttp) {
        this.jdk = jdk;
        this.okHttp = okHttp;
    }

    /**
     * The clients for one {@code Cloudflare} instance.
     *
     * @param application the application's OkHttp client to derive from, or null
     * @param timeouts the timeouts set by the application; a null one is the default (or the given client's)
     * @param https false for plain http, which is only ever to loopback
     * @return the clients
     */
    public static HttpClients of(OkHttpClient application, HttpTimeouts timeouts, boolean https) {
        OkHttpExchange okHttp = new OkHttpExchange(application, timeouts, https);
        JdkExchange jdk = application == null ? new JdkExchange(HttpTimeouts.DEFAULTS.overriddenBy(timeouts)) : null;
        return new HttpClients(jdk, okHttp);
    }

    /** {@return the exchange that carries a request of this method now} */
    HttpExchange carrying(String method) {
        if (jdk == null || !method.equals("GET") || jdkLogsHeaders()) {
            return okHttp;
        }
        return jdk;
    }

    /** Starts building the client that carries writes on a thread of its own, unless it is built already. */
    void prepareForWrites() {
        okHttp.prepare();
    }

    /**
     * Whether {@code HttpURLConnection} may log at {@code FINE}. It logs through java.base's logger of that name.
     * With java.util.logging, that logger shares its level with the application's namesake only while the latter
     * lives: one set to {@code FINE} and then collected (loggers are held weakly) leaves java.base's at
     * {@code FINE} and a new namesake at the default. So both are asked.
     */
    private static boolean jdkLogsHeaders() {
        return System.getLogger(JDK_HTTP_LOGGER).isLoggable(System.Logger.Level.DEBUG)
                || JDK_OWN_LOGGER.isLoggable(System.Logger.Level.DEBUG);
    }

    /** java.base's logger of that name, which {@code HttpURLConnection} logs through. */
    private static final System.Logger JDK_OWN_LOGGER =
            System.LoggerFinder.getLoggerFinder().getLogger(JDK_HTTP_LOGGER, Object.class.getModule());
}
