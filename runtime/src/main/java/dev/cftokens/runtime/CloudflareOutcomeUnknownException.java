package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

/**
 * A write that is not safe to repeat (a {@code POST}, such as creating a token) failed after it may
 * have reached Cloudflare: the connection dropped or timed out before an answer arrived, Cloudflare
 * answered with a 5xx that does not say whether the write happened, or it answered 2xx (so the write
 * happened) with an answer that cannot be read, such as a created token without its value. The client
 * does not retry it, because a second create could leave two tokens; the caller should look up what
 * exists (list the tokens) before trying again. The cause is the connection failure or the {@link
 * CloudflareApiException}.
 */
public final class CloudflareOutcomeUnknownException extends CloudflareException {
    private static final long serialVersionUID = 1L;

    /** The method of the write, such as {@code POST}. */
    private final String method;
    /** The path of the write below the base URL, without query string. */
    private final String path;

    /**
     * A write whose outcome is unknown.
     *
     * @param method the method of the write, such as {@code POST}
     * @param path the path of the write below the base URL, without query string
     * @param what what went wrong, as the message continues after the request, such as {@code "got no answer"}
     * @param cause the connection failure or the {@link CloudflareApiException}
     * @throws NullPointerException when {@code method} or {@code path} is null
     */
    public CloudflareOutcomeUnknownException(String method, String path, String what, Throwable cause) {
        super(
                method + " " + path + " " + what + "; Cloudflare may have carried it out, so it was not repeated:"
                        + " look up the current state (for tokens, list them) before trying again",
                cause);
        this.method = requireNonNull(method, "method");
        this.path = requireNonNull(path, "path");
    }

    /** {@return the method of the write, such as {@code POST}} */
    public String method() {
        return method;
    }

    /** {@return the path below the base URL, without query string} */
    public String path() {
        return path;
    }
}
