package dev.cftokens.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A successful answer: the {@code result} of Cloudflare's envelope, {@code result_info} for lists, and
 * {@code messages}.
 */
public record ApiResponse(int status, JsonNode result, JsonNode resultInfo, List<ErrorDetail> messages) {
    public ApiResponse {
        messages = List.copyOf(messages);
    }

    public static ApiResponse ok(JsonNode result) {
        return new ApiResponse(200, result, null, List.of());
    }

    public static ApiResponse list(JsonNode result, JsonNode resultInfo) {
        return new ApiResponse(200, result, resultInfo, List.of());
    }

    public ApiResponse withMessage(int code, String message) {
        return new ApiResponse(status, result, resultInfo, List.of(new ErrorDetail(code, message)));
    }
}
