package dev.cftokens.emulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes Cloudflare's envelope: {@code success}, {@code errors}, {@code messages}, {@code result}, and
 * {@code result_info} for lists.
 */
public final class EnvelopeWriter {
    private EnvelopeWriter() {}

    /**
     * {@return the success envelope of {@code response}, as UTF-8 JSON}
     *
     * @param response the answer's result, result_info and messages
     */
    public static byte[] success(ApiResponse response) {
        ObjectNode root = Json.object();
        root.put("success", true);
        root.putArray("errors");
        details(root.putArray("messages"), response.messages());
        root.set("result", response.result());
        if (response.resultInfo() != null) {
            root.set("result_info", response.resultInfo());
        }
        return Json.bytes(root);
    }

    /**
     * {@return the failure envelope with these errors and a null result, as UTF-8 JSON}
     *
     * @param errors the errors, at least one
     */
    public static byte[] failure(List<ErrorDetail> errors) {
        ObjectNode root = Json.object();
        root.put("success", false);
        details(root.putArray("errors"), errors);
        root.putArray("messages");
        root.putNull("result");
        return Json.bytes(root);
    }

    private static void details(ArrayNode array, List<ErrorDetail> details) {
        for (ErrorDetail detail : details) {
            ObjectNode node = array.addObject();
            node.put("code", detail.code());
            node.put("message", detail.message());
            if (!detail.errorChain().isEmpty()) {
                details(node.putArray("error_chain"), detail.errorChain());
            }
        }
    }
}
