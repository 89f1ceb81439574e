package dev.cftokens.emulator.http;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One entry of an envelope's {@code errors}: a Cloudflare code, a message and an optional chain of causes.
 *
 * @param code the Cloudflare error code
 * @param message the message
 * @param errorChain the errors that led to this one; empty for none
 */
public record ErrorDetail(int code, String message, List<ErrorDetail> errorChain) {
    /**
     * Copies the chain.
     *
     * @param code the Cloudflare error code
     * @param message the message
     * @param errorChain the errors that led to this one; empty for none
     * @throws NullPointerException when {@code message} or {@code errorChain} is null
     */
    public ErrorDetail {
        requireNonNull(message, "message");
        errorChain = List.copyOf(errorChain);
    }

    /**
     * An error with no chain.
     *
     * @param code the Cloudflare error code
     * @param message the message
     */
    public ErrorDetail(int code, String message) {
        this(code, message, List.of());
    }
}
