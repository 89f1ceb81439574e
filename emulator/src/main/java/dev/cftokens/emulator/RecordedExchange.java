package dev.cftokens.emulator;

import static java.util.Objects.requireNonNull;

/**
 * One request the emulator answered and its answer, as bytes on the wire, for an {@link ExchangeListener}.
 * Bodies may hold token values and secrets: {@link #toString()} leaves them out.
 *
 * @param method the HTTP method, such as {@code POST}
 * @param path the path below {@code /client/v4}, such as {@code /accounts/abc/tokens}
 * @param query the raw query string, or null
 * @param requestContentType null when the request had none
 * @param requestBody the request's bytes; empty for none
 * @param status the HTTP status answered
 * @param responseContentType null when the answer had none
 * @param responseBody the answer's bytes
 */
public record RecordedExchange(
        String method,
        String path,
        String query,
        String requestContentType,
        byte[] requestBody,
        int status,
        String responseContentType,
        byte[] responseBody) {
    /**
     * Copies both bodies.
     *
     * @param method the HTTP method, such as {@code POST}
     * @param path the path below {@code /client/v4}, such as {@code /accounts/abc/tokens}
     * @param query the raw query string, or null
     * @param requestContentType null when the request had none
     * @param requestBody the request's bytes; empty for none
     * @param status the HTTP status answered
     * @param responseContentType null when the answer had none
     * @param responseBody the answer's bytes
     * @throws NullPointerException when {@code method}, {@code path} or a body is null
     */
    public RecordedExchange {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requestBody = requestBody.clone();
        responseBody = responseBody.clone();
    }

    /** {@return a copy of the request's bytes} */
    @Override
    public byte[] requestBody() {
        return requestBody.clone();
    }

    /** {@return a copy of the answer's bytes} */
    @Override
    public byte[] responseBody() {
        return responseBody.clone();
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
    }
}
