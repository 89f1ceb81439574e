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

    private final int status;
    private final transient List<ErrorDetail> errors;
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, List<ErrorDetail> errors) {
        super(errors.isEmpty() ? "HTTP " + status : errors.get(0).message(), null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an error answer needs at least one error");
        }
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public ApiException(int status, int code, String message) {
        this(status, List.of(new ErrorDetail(code, message)));
    }

    /** 400 with code 1001: the request body or query is invalid. */
    public static ApiException validation(String message) {
        return new ApiException(400, ErrorCodes.VALIDATION, message);
    }

    /** 403 with code 9109. */
    public static ApiException unauthorized(String message) {
        return new ApiException(403, ErrorCodes.UNAUTHORIZED, message);
    }

    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public List<ErrorDetail> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
