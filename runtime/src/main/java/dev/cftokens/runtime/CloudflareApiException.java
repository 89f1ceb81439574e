package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Cloudflare answered a request with an error: a failure envelope ({@code "success": false}), an HTTP
 * error status, or a body that is not its JSON envelope at all (an HTML error page from a proxy, an empty
 * or truncated body), in which case {@link #errors()} is empty and {@link #bodyExcerpt()} shows the start
 * of what came back.
 */
public final class CloudflareApiException extends CloudflareException {
    private static final long serialVersionUID = 1L;

    /** What Cloudflare answered; the serialized form of this exception. */
    private final Answer answer;
    /** Whether the answer came to a repeat of the request; see {@link #repeated()}. */
    private final boolean repeated;

    /**
     * What Cloudflare answered, shared by the exception and its {@link #asRepeated()} copy.
     *
     * @param status the HTTP status code
     * @param method the request method, such as {@code POST}
     * @param path the request path below the base URL, without query string
     * @param errors the envelope's errors in order; empty when the body was not an envelope
     * @param cfRay the {@code cf-ray} response header, or null
     * @param bodyExcerpt the start of a body that was not an envelope (already redacted), or null
     */
    private record Answer(
            int status, String method, String path, List<ApiError> errors, String cfRay, String bodyExcerpt)
            implements java.io.Serializable {}

    /**
     * An error answer to {@code method path}.
     *
     * @param status the HTTP status code
     * @param method the request method, such as {@code POST}
     * @param path the request path below the base URL, without query string
     * @param errors the envelope's errors in order; empty when the body was not an envelope
     * @param cfRay the {@code cf-ray} response header, or null
     * @param problem what was wrong with the answer when it was not a failure envelope, or null
     * @param bodyExcerpt the start of a body that was not an envelope (already redacted), or null
     * @throws NullPointerException when {@code method}, {@code path} or {@code errors} is null
     */
    public CloudflareApiException(
            int status,
            String method,
            String path,
            List<ApiError> errors,
            String cfRay,
            String problem,
            String bodyExcerpt) {
        this(
                new Answer(
                        status,
                        requireNonNull(method, "method"),
                        requireNonNull(path, "path"),
                        List.copyOf(errors),
                        cfRay,
                        bodyExcerpt),
                problem);
    }

    private CloudflareApiException(Answer answer, String problem) {
        this(describe(answer, problem), answer, false);
    }

    private CloudflareApiException(String message, Answer answer, boolean repeated) {
        super(message);
        this.answer = answer;
        this.repeated = repeated;
    }

    /** {@return the same failure, marked as the answer to a repeat of the request (see {@link #repeated()})} */
    public CloudflareApiException asRepeated() {
        return repeated
                ? this
                : new CloudflareApiException(
                        getMessage() + " (answer to a repeat: an earlier attempt may have taken effect)", answer, true);
    }

    /**
     * True when this answer came to a repeat of the request after an earlier attempt got no answer or a 5xx,
     * so the earlier attempt may have taken effect: a repeated {@code DELETE} that finds nothing, for example,
     * most likely deleted it the first time.
     *
     * @return whether the answer came to a repeat
     */
    public boolean repeated() {
        return repeated;
    }

    private static String describe(Answer answer, String problem) {
        int status = answer.status();
        String method = answer.method();
        String path = answer.path();
        List<ApiError> errors = answer.errors();
        String cfRay = answer.cfRay();
        String bodyExcerpt = answer.bodyExcerpt();
        StringBuilder text = new StringBuilder("Cloudflare answered ")
                .append(method)
                .append(' ')
                .append(path)
                .append(" with HTTP ")
                .append(status);
        if (!errors.isEmpty()) {
            text.append(": ").append(errors.stream().map(ApiError::toString).collect(Collectors.joining("; ")));
        }
        if (problem != null) {
            text.append(errors.isEmpty() ? ": " : "; ").append(problem);
        }
        if (bodyExcerpt != null) {
            text.append(" (body: ").append(bodyExcerpt).append(')');
        }
        if (cfRay != null) {
            text.append(" [cf-ray ").append(cfRay).append(']');
        }
        return text.toString();
    }

    /** {@return the HTTP status code} */
    public int status() {
        return answer.status();
    }

    /** {@return the request method, such as {@code POST}} */
    public String method() {
        return answer.method();
    }

    /** {@return the path below the base URL, such as {@code /accounts/<id>/tokens}; never a query string} */
    public String path() {
        return answer.path();
    }

    /** {@return every error of the envelope in order; empty when the body was not an envelope} */
    public List<ApiError> errors() {
        return answer.errors();
    }

    /**
     * {@return true when one of {@link #errors()} (not their chains) has this code}
     *
     * @param code a Cloudflare error code, such as 1001
     */
    public boolean hasErrorCode(int code) {
        return answer.errors().stream().anyMatch(error -> error.code() == code);
    }

    /** {@return Cloudflare's request id from the {@code cf-ray} header, or null; quote it to Cloudflare support} */
    public String cfRay() {
        return answer.cfRay();
    }

    /** {@return the start of a body that was not Cloudflare's envelope (secrets redacted), or null} */
    public String bodyExcerpt() {
        return answer.bodyExcerpt();
    }
}
