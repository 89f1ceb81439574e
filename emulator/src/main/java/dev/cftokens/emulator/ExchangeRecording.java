package dev.cftokens.emulator;

import com.sun.net.httpserver.HttpExchange;
import dev.cftokens.emulator.http.ApiRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands every exchange to the {@link ExchangeListener}s: the request body is read ahead (capped as {@link
 * ApiRequest} caps it) and put back for the handler, and the listeners hear of the answer before its first
 * byte is sent, so that a client holding an answer knows the listeners have seen it. While no listener is
 * {@linkplain ExchangeListener#listening() listening}, it reads nothing ahead and copies nothing.
 */
final class ExchangeRecording {
    private static final Logger LOG = Logger.getLogger(ExchangeRecording.class.getName());
    // The JDK keeps an exchange's attributes in its context, shared by all exchanges; a handler serves one
    // exchange on one thread from start to end, so the thread is where the request body waits.
    private final ThreadLocal<byte[]> requestBody = new ThreadLocal<>();

    private final List<ExchangeListener> listeners;

    ExchangeRecording(List<ExchangeListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Reads the request body ahead, so that the answer can be told with the request that caused it. */
    void requestArrived(HttpExchange exchange) throws IOException {
        if (listeners.stream().noneMatch(ExchangeListener::listening)) {
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(ApiRequest.MAX_BODY_BYTES + 1);
        }
        requestBody.set(body);
        exchange.setStreams(new ByteArrayInputStream(body), null);
    }

    /** Forgets the request body once the exchange is over. */
    void exchangeEnded() {
        requestBody.remove();
    }

    /** Tells the listeners of the answer about to be sent. */
    void answering(HttpExchange exchange, int status, String contentType, byte[] body) {
        byte[] request = requestBody.get();
        if (request == null) {
            return; // nobody was listening when the request arrived
        }
        String path = exchange.getRequestURI().getPath();
        RecordedExchange recorded = new RecordedExchange(
                exchange.getRequestMethod(),
                path.startsWith(ApiHandler.API_PREFIX) ? path.substring(ApiHandler.API_PREFIX.length()) : path,
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                request,
                status,
                contentType,
                body);
        for (ExchangeListener listener : listeners) {
            if (!listener.listening()) {
                continue;
            }
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
