package dev.cftokens.emulator.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request the emulator refuses: the HTTP status and the envelope errors to answer with. Messages never
 * contain credentials or token values.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status to answer with. */
    private final int status;

    private final transient List<ErrorDetail> errors;
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    /**
     * An error answer with one error.
     *
     * @param status the HTTP status, such as 400
     * @param errors the envelope's errors, at least one
     * @throws IllegalArgumentException when {@code errors} is empty
     */
    public ApiException(int status, List<ErrorDetail> errors) {
        super(errors.isEmpty() ? "HTTP " + status : errors.get(0).message(), null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an error answer needs at least one error");
        }
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /**
     * An error answer.
     *
     * @param status the HTTP status, such as 400
     * @param code the Cloudflare error code, such as {@link ErrorCodes#VALIDATION}
     * @param message the error's message
     */
    public ApiException(int status, int code, String message) {
        this(status, List.of(new ErrorDetail(code, message)));
    }

    /**
     * 400 with code 1001: the request body or query is invalid.
     *
     * @param message what is invalid and what would be valid
     * @return the exception to throw
     */
    public static ApiException validation(String message) {
        return new ApiException(400, ErrorCodes.VALIDATION, message);
    }

    /**
     * 403 with code 9109.
     *
     * @param message what the caller may not do
     * @return the exception to throw
     */
    public static ApiException unauthorized(String message) {
        return new ApiException(403, ErrorCodes.UNAUTHORIZED, message);
    }

    /**
     * Adds a header to the answer, such as {@code retry-after}.
     *
     * @param name the header's name
     * @param value its value
     * @return this exception
     */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** {@return the HTTP status to answer with} */
    public int status() {
        return status;
    }

    /** {@return the envelope's errors, at least one} */
    public List<ErrorDetail> errors() {
        return errors;
    }

    /** {@return the headers to add to the answer, by name} */
    public Map<String, String> headers() {
        return headers;
    }
}
