package dev.cftokens.runtime.internal.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Exchanges through the JDK's own {@link HttpURLConnection}, which is loaded in a few milliseconds where
 * OkHttp's first request costs a cold JVM about a fifth of a second. It carries the requests of a run that
 * changes nothing (an application's start with its tokens unchanged, a plan), so those never load OkHttp.
 *
 * <p>Redirects are not followed (they would re-send the credentials elsewhere). A request with a body is
 * sent in fixed-length streaming mode, which is also what keeps the JDK from silently sending it again on a
 * broken keep-alive connection. The call timeout bounds the whole exchange: each connect and read waits at
 * most what is left of it, and the body is read only while time is left.
 */
final class JdkExchange implements HttpExchange {
    private static final int CHUNK = 8192;

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;

    /**
     * @param timeouts the connect, read and call timeouts; zero for none
     */
    JdkExchange(HttpTimeouts timeouts) {
        this.connectTimeout = timeouts.connect();
        this.readTimeout = timeouts.read();
        this.callTimeout = timeouts.call();
    }

    @Override
    public Answer send(Outgoing request) throws IOException {
        long deadline = callTimeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + callTimeout.toNanos();
        HttpURLConnection connection = (HttpURLConnection) request.url().toURL().openConnection();
        boolean answered = false;
        try {
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(millisWithin(connectTimeout, deadline));
            connection.setReadTimeout(millisWithin(readTimeout, deadline));
            connection.setRequestMethod(request.method());
            request.headers().forEach(connection::setRequestProperty);
            if (request.body() != null) {
                byte[] bytes = request.body().bytes();
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(bytes.length);
                connection.setRequestProperty("Content-Type", request.body().contentType());
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = connection.getResponseCode();
            if (status < 100) {
                throw new ProtocolException("the answer to " + request + " is not HTTP");
            }
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = body == null ? "" : new String(readAll(body, deadline), UTF_8);
            Answer answer = Answer.of(status, text, connection.getHeaderFields());
            answered = true;
            return answer;
        } finally {
            if (!answered) {
                // Never back into the keep-alive cache: the connection's state is unknown.
                connection.disconnect();
            }
        }
    }

    /** Reads to the end (which returns the connection to the keep-alive cache), within the deadline. */
    private static byte[] readAll(InputStream in, long deadline) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[CHUNK];
            int read;
            while ((read = in.read(chunk)) != -1) {
                out.write(chunk, 0, read);
                if (System.nanoTime() > deadline) {
                    throw new SocketTimeoutException("the call timeout passed while reading the answer");
                }
            }
            return out.toByteArray();
        }
    }

    /** {@code timeout} in milliseconds, at most what is left until {@code deadline}; 0 for none. */
    private static int millisWithin(Duration timeout, long deadline) throws SocketTimeoutException {
        long millis = timeout.toMillis();
        if (deadline != Long.MAX_VALUE) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("the call timeout passed before the request was sent");
            }
            millis = millis == 0 ? left : Math.min(millis, left);
        }
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    @Override
    public String toString() {
        return "JdkExchange";
    }
}
