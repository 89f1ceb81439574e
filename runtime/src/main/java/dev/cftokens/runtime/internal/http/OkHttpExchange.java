package dev.cftokens.runtime.internal.http;

import java.io.IOException;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * Exchanges through OkHttp, the one HTTP client: HTTP/2 to Cloudflare, a pooled connection per request in
 * flight, a create never re-sent behind the transport's back. A client built around an application's own
 * {@link OkHttpClient} sends everything through it, so its proxy and interceptors see every request.
 */
public final class OkHttpExchange implements HttpExchange {
    private final OkHttpClient client;
    private final TlsHandshake handshake; // null around an application's client, whose TLS set-up is its own

    /**
     * @param base the application's client to derive from, or null for a client of our own
     * @param timeouts the timeouts to set; a null one keeps {@code base}'s (defaults when there is no base)
     */
    public OkHttpExchange(OkHttpClient base, HttpTimeouts timeouts) {
        this.handshake = base == null ? new TlsHandshake() : null;
        this.client = build(base, timeouts, handshake);
    }

    @Override
    public Answer send(Outgoing request) throws IOException {
        Request.Builder builder = new Request.Builder().url(request.url().toString());
        request.headers().forEach(builder::header);
        RequestBody body = request.body() == null ? null : new OneShotAware(request.body(), !request.idempotent());
        builder.method(request.method(), body);
        Call call = client.newCall(builder.build());
        try (Response response = call.execute()) {
            String text = response.body().string();
            return Answer.of(response.code(), text, response.headers().toMultimap());
        } catch (IOException e) {
            if (handshake != null && handshake.failedInHandshake(call)) {
                throw new TlsHandshake.Failed(request.url().getHost(), port(request), e);
            }
            throw e;
        } finally {
            if (handshake != null) {
                handshake.done(call);
            }
        }
    }

    private static int port(Outgoing request) {
        int port = request.url().getPort();
        return port >= 0 ? port : request.url().getScheme().equals("https") ? 443 : 80;
    }

    private static OkHttpClient build(OkHttpClient base, HttpTimeouts timeouts, TlsHandshake handshake) {
        OkHttpClient.Builder http;
        HttpTimeouts set = timeouts;
        if (base != null) {
            http = base.newBuilder();
        } else {
            http = new OkHttpClient.Builder();
            set = HttpTimeouts.DEFAULTS.overriddenBy(timeouts);
            handshake.applyTo(http);
        }
        if (set.connect() != null) {
            http.connectTimeout(set.connect());
        }
        if (set.read() != null) {
            http.readTimeout(set.read()).writeTimeout(set.read());
        }
        if (set.call() != null) {
            http.callTimeout(set.call());
        }
        // Redirects would re-send credentials to wherever Cloudflare (or a proxy) points; the API never
        // redirects, so a redirect is an error to see, not to follow. OkHttp's own silent re-send on a
        // broken connection is off because ApiTransport retries itself and must know when an attempt may
        // have taken effect (a DELETE that committed, a POST that must not be repeated).
        // For the same reason OkHttp must not repeat a request answered 503 with "Retry-After: 0", which it
        // does on its own, unseen by the retry policy, the rate limiter and the log. ApiTransport never
        // reads Retry-After on a 503, so it is taken off before OkHttp decides.
        http.addNetworkInterceptor(chain -> {
            Response response = chain.proceed(chain.request());
            return response.code() == 503 && response.header("Retry-After") != null
                    ? response.newBuilder().removeHeader("Retry-After").build()
                    : response;
        });
        return http.followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * A body of known bytes. A body that must not be repeated (a POST's) says it is one-shot: a second line of defence, should an
     * application's interceptor retry, against OkHttp silently re-sending a create that may have arrived.
     */
    private static final class OneShotAware extends RequestBody {
        private final Body body;
        private final boolean oneShot;

        OneShotAware(Body body, boolean oneShot) {
            this.body = body;
            this.oneShot = oneShot;
        }

        @Override
        public MediaType contentType() {
            return MediaType.get(body.contentType());
        }

        @Override
        public long contentLength() {
            return body.bytes().length;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            sink.write(body.bytes());
        }

        @Override
        public boolean isOneShot() {
            return oneShot;
        }
    }

    @Override
    public String toString() {
        return "OkHttpExchange";
    }
}
