package dev.cftokens.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A successful answer: the {@code result} of Cloudflare's envelope, {@code result_info} for lists, and
 * {@code messages}; or, for the few endpoints that answer with a file instead of the envelope (a Worker
 * script's download), that file's {@link Download}.
 *
 * @param status the HTTP status, such as 200
 * @param result the envelope's {@code result}
 * @param resultInfo the envelope's {@code result_info}, or null when not a list
 * @param messages the envelope's {@code messages}
 * @param download the file to answer with instead of the envelope, or null
 */
public record ApiResponse(
        int status, JsonNode result, JsonNode resultInfo, List<ErrorDetail> messages, Download download) {
    /**
     * A body sent as it is, not wrapped in the envelope.
     *
     * @param contentType the Content-Type to answer with
     * @param body the bytes to answer with
     */
    public record Download(String contentType, byte[] body) {
        /**
         * Copies {@code body}.
         *
         * @param contentType the Content-Type to answer with
         * @param body the bytes to answer with
         */
        public Download {
            body = body.clone();
        }

        /** {@return a copy of the bytes to answer with} */
        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /**
     * Copies {@code messages}.
     *
     * @param status the HTTP status, such as 200
     * @param result the envelope's {@code result}
     * @param resultInfo the envelope's {@code result_info}, or null when not a list
     * @param messages the envelope's {@code messages}
     * @param download the file to answer with instead of the envelope, or null
     */
    public ApiResponse {
        messages = List.copyOf(messages);
    }

    /**
     * {@return a 200 with this {@code result}}
     *
     * @param result the result
     */
    public static ApiResponse ok(JsonNode result) {
        return new ApiResponse(200, result, null, List.of(), null);
    }

    /**
     * {@return a 200 with a list {@code result} and its paging}
     *
     * @param result the page's entries
     * @param resultInfo the page's {@code result_info}
     */
    public static ApiResponse list(JsonNode result, JsonNode resultInfo) {
        return new ApiResponse(200, result, resultInfo, List.of(), null);
    }

    /**
     * {@return a 200 with a file instead of the envelope}
     *
     * @param contentType the file's Content-Type
     * @param body the file's bytes
     */
    public static ApiResponse download(String contentType, byte[] body) {
        return new ApiResponse(200, null, null, List.of(), new Download(contentType, body));
    }

    /**
     * {@return this answer with one entry in {@code messages}}
     *
     * @param code the message's code, such as 10000
     * @param message the text
     */
    public ApiResponse withMessage(int code, String message) {
        return new ApiResponse(status, result, resultInfo, List.of(new ErrorDetail(code, message)), download);
    }
}
