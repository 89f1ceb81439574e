package dev.cftokens.runtime.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cftokens.core.json.JsonTrees;
import dev.cftokens.runtime.ApiError;
import dev.cftokens.runtime.CloudflareApiException;
import java.io.IOException;
import java.util.List;

/**
 * What one answer says: the success envelope, or the exception describing a failure and whether the body
 * was readable at all (an unreadable 2xx was carried out but garbled on the way).
 */
record Outcome(Envelope envelope, CloudflareApiException failure, boolean unreadable) {

    /**
     * Reads an answer's body as Cloudflare's envelope. When it is not one and {@code secretAnswer} is set, the
     * failure carries no excerpt of it: a truncated answer to a create or a roll holds most of a token's value.
     */
    static Outcome of(String method, String path, int status, String cfRay, String text, boolean secretAnswer) {
        JsonNode root;
        try {
            root = JsonTrees.read(text);
        } catch (IOException e) {
            return unreadable(status, method, path, cfRay, "the body is not JSON", text, secretAnswer);
        }
        if (root == null || !root.isObject() || !root.path("success").isBoolean()) {
            return unreadable(
                    status,
                    method,
                    path,
                    cfRay,
                    "the body is not Cloudflare's {\"success\": ...} envelope",
                    text,
                    secretAnswer);
        }
        List<ApiError> errors = Envelope.parseErrors(root.get("errors"));
        boolean success = root.get("success").booleanValue();
        if (success && status >= 200 && status < 300) {
            return new Outcome(
                    new Envelope(
                            status,
                            method,
                            path,
                            cfRay,
                            root.get("result"),
                            root.get("result_info"),
                            Envelope.parseErrors(root.get("messages"))),
                    null,
                    false);
        }
        String problem = errors.isEmpty() ? "the envelope lists no errors" : null;
        return new Outcome(null, new CloudflareApiException(status, method, path, errors, cfRay, problem, null), false);
    }

    private static Outcome unreadable(
            int status, String method, String path, String cfRay, String problem, String text, boolean secretAnswer) {
        String excerpt = secretAnswer ? BodyExcerpt.WITHHELD : BodyExcerpt.of(text);
        return new Outcome(
                null, new CloudflareApiException(status, method, path, List.of(), cfRay, problem, excerpt), true);
    }
}
