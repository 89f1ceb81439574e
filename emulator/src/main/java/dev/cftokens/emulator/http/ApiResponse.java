package dev.cftokens.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A successful answer: the {@code result} of Cloudflare's envelope, {@code result_info} for lists, and
 * {@code messages}; or, for the few endpoints that answer with a file instead of the envelope (a Worker
 * script's download), that file's {@link Download}.
 */
public record ApiResponse(
        int status, JsonNode result, JsonNode resultInfo, List<ErrorDetail> messages, Download download) {
    /** A body sent as it is, not wrapped in the envelope. */
    public record Download(String contentType, byte[] body) {
        public Download {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    public ApiResponse {
        messages = List.copyOf(messages);
    }

    public static ApiResponse ok(JsonNode result) {
        return new ApiResponse(200, result, null, List.of(), null);
    }

    public static ApiResponse list(JsonNode result, JsonNode resultInfo) {
        return new ApiResponse(200, result, resultInfo, List.of(), null);
    }

    public static ApiResponse download(String contentType, byte[] body) {
        return new ApiResponse(200, null, null, List.of(), new Download(contentType, body));
    }

    public ApiResponse withMessage(int code, String message) {
        return new ApiResponse(status, result, resultInfo, List.of(new ErrorDetail(code, message)), download);
    }
}
