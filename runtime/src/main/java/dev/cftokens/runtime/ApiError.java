package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One entry of the {@code errors} array of Cloudflare's envelope, such as {@code 1001 "Reusing existing
 * policies is not supported by token creation"}, with the more specific errors it chains.
 *
 * @param code Cloudflare's error code (1000 or more)
 * @param message Cloudflare's text
 * @param errorChain the {@code error_chain} entries, innermost last; empty when none
 */
public record ApiError(int code, String message, List<ApiError> errorChain) {
    /**
     * Copies the chain, so the error stays immutable.
     *
     * @param code Cloudflare's error code (1000 or more)
     * @param message Cloudflare's text; not null
     * @param errorChain the {@code error_chain} entries, innermost last; empty when none
     * @throws NullPointerException when {@code message} or {@code errorChain} is null
     */
    public ApiError {
        requireNonNull(message, "message");
        errorChain = List.copyOf(errorChain);
    }

    /** {@code [1001] message}, followed by the chain as {@code <- [6111] message}. */
    @Override
    public String toString() {
        StringBuilder text =
                new StringBuilder().append('[').append(code).append("] ").append(message);
        for (ApiError cause : errorChain) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }
}
