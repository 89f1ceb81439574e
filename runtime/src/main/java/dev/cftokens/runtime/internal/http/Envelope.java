package dev.cftokens.runtime.internal.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.cftokens.runtime.ApiError;
import dev.cftokens.runtime.CloudflareApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * A successful answer in Cloudflare's envelope ({@code {"success": true, "result": ...,
 * "result_info": ...}}), with where it came from so that a result of an unexpected shape can still be
 * reported as a {@link CloudflareApiException} naming the request.
 */
public final class Envelope {
    private final int status;
    private final String method;
    private final String path;
    private final String cfRay;
    private final JsonNode result;
    private final JsonNode resultInfo;
    private final List<ApiError> messages;

    Envelope(
            int status,
            String method,
            String path,
            String cfRay,
            JsonNode result,
            JsonNode resultInfo,
            List<ApiError> messages) {
        this.status = status;
        this.method = requireNonNull(method, "method");
        this.path = requireNonNull(path, "path");
        this.cfRay = cfRay;
        this.result = result == null ? NullNode.getInstance() : result;
        this.resultInfo = resultInfo == null ? NullNode.getInstance() : resultInfo;
        this.messages = List.copyOf(messages);
    }

    /** {@return the {@code result} member; a {@code NullNode} when absent} */
    public JsonNode result() {
        return result;
    }

    /** {@return the {@code result_info} member (paging); a {@code NullNode} when absent} */
    public JsonNode resultInfo() {
        return resultInfo;
    }

    /** {@return the {@code messages} member, such as verify's {@code 10000 "This API Token is valid and active"}} */
    public List<ApiError> messages() {
        return messages;
    }

    /** {@return the HTTP status code of the answer} */
    public int status() {
        return status;
    }

    /**
     * An exception for a result that is valid JSON but not the shape this request answers with, such as a
     * token without an id. {@code problem} must not quote secret values.
     *
     * @param problem what is wrong with the result
     * @return the exception, naming this envelope's request; the caller throws it
     */
    public CloudflareApiException malformed(String problem) {
        return new CloudflareApiException(
                status, method, path, List.of(), cfRay, "unexpected response: " + problem, null);
    }

    /** Parses the {@code errors} or {@code messages} array of an envelope; lenient about missing fields. */
    static List<ApiError> parseErrors(JsonNode array) {
        List<ApiError> errors = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return errors;
        }
        for (JsonNode entry : array) {
            if (entry.isTextual()) {
                errors.add(new ApiError(0, entry.asText(), List.of()));
                continue;
            }
            int code = entry.path("code").asInt(0);
            String message = entry.path("message").asText("");
            errors.add(new ApiError(code, message, parseErrors(entry.get("error_chain"))));
        }
        return errors;
    }
}
