package dev.cftokens.runtime.internal.http;

import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One attempt of one request, sent and answered in full: what {@link ApiTransport} hands to the HTTP client.
 * Retries, rate limits and envelopes are the transport's; an exchange only moves bytes. Its one
 * implementation is {@link OkHttpExchange}; tests may send through another.
 */
public interface HttpExchange {
    /**
     * Sends the request and reads the whole answer.
     *
     * @param request what to send
     * @return the answer, whatever its status
     * @throws IOException when no complete answer came (a refused or lost connection, a timeout)
     */
    Answer send(Outgoing request) throws IOException;

    /**
     * A request body.
     *
     * @param contentType its media type, such as {@code application/json; charset=utf-8}
     * @param bytes its content
     */
    record Body(String contentType, byte[] bytes) {}

    /**
     * A request as sent.
     *
     * @param method the HTTP method
     * @param url the whole URL
     * @param headers the headers, credentials included (so never shown)
     * @param body the body, or null
     */
    record Outgoing(String method, URI url, Map<String, String> headers, Body body) {
        private static final Set<String> IDEMPOTENT = Set.of("GET", "PUT", "DELETE", "HEAD");

        public Outgoing {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        /**
         * {@return true when sending it twice does what sending it once does: every method but {@code POST},
         * a create, which must never be repeated without looking first}
         */
        boolean idempotent() {
            return IDEMPOTENT.contains(method);
        }

        @Override
        public String toString() {
            return method + " " + url; // never the headers: they carry the credentials
        }
    }

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param text the body as UTF-8 text
     * @param headers the headers by name, any case (the last value of a repeated one)
     */
    record Answer(int status, String text, Map<String, String> headers) {
        public Answer {
            Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            byName.putAll(headers);
            headers = Collections.unmodifiableMap(byName);
        }

        /**
         * An answer with the headers as HTTP clients give them, by name with every value: the last value of
         * each is kept, and a null name or a name without values is left out.
         */
        static Answer of(int status, String text, Map<String, List<String>> headers) {
            Map<String, String> last = new HashMap<>();
            headers.forEach((name, values) -> {
                if (name != null && values != null && !values.isEmpty()) {
                    last.put(name, values.get(values.size() - 1));
                }
            });
            return new Answer(status, text, last);
        }

        /** {@return the header's value, or null when absent} */
        String header(String name) {
            return headers.get(name);
        }
    }
}
