package dev.cftokens.emulator.http;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One entry of an envelope's {@code errors}: a Cloudflare code, a message and an optional chain of causes. */
public record ErrorDetail(int code, String message, List<ErrorDetail> errorChain) {
    public ErrorDetail {
        requireNonNull(message, "message");
        errorChain = List.copyOf(errorChain);
    }

    public ErrorDetail(int code, String message) {
        this(code, message, List.of());
    }
}
