package dev.cftokens.emulator;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands every exchange to the {@link ExchangeListener}s: reads the request body ahead (capped like {@link
 * dev.cftokens.emulator.http.ApiRequest} caps it), copies the answer as it is written, and calls the
 * listeners when the handler closes the answer, before the last buffered bytes reach the client. Installed
 * only when there is a listener, so that an emulator without one copies nothing.
 */
final class ExchangeRecording extends Filter {
    private static final Logger LOG = Logger.getLogger(ExchangeRecording.class.getName());

    private final List<ExchangeListener> listeners;

    ExchangeRecording(List<ExchangeListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        byte[] requestBody;
        try (InputStream in = exchange.getRequestBody()) {
            requestBody = in.readNBytes(dev.cftokens.emulator.http.ApiRequest.MAX_BODY_BYTES + 1);
        }
        exchange.setStreams(
                new ByteArrayInputStream(requestBody), new Copy(exchange.getResponseBody(), exchange, requestBody));
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "hands every exchange to the emulator's exchange listeners";
    }

    /** The answer's bytes, passed on and kept until close. */
    private final class Copy extends FilterOutputStream {
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private final HttpExchange exchange;
        private final byte[] requestBody;
        private boolean closed;

        Copy(OutputStream out, HttpExchange exchange, byte[] requestBody) {
            super(out);
            this.exchange = exchange;
            this.requestBody = requestBody;
        }

        @Override
        public void write(int b) throws IOException {
            copy.write(b);
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            copy.write(bytes, offset, length);
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                tell();
            }
            super.close();
        }

        private void tell() {
            String path = exchange.getRequestURI().getPath();
            RecordedExchange recorded = new RecordedExchange(
                    exchange.getRequestMethod(),
                    path.startsWith(ApiHandler.API_PREFIX) ? path.substring(ApiHandler.API_PREFIX.length()) : path,
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    requestBody,
                    exchange.getResponseCode(),
                    exchange.getResponseHeaders().getFirst("Content-Type"),
                    copy.toByteArray());
            for (ExchangeListener listener : listeners) {
                try {
                    listener.exchanged(recorded);
                } catch (RuntimeException e) {
                    LOG.log(
                            Level.WARNING,
                            "exchange listener " + listener.getClass().getName() + " failed",
                            e);
                }
            }
        }
    }
}
