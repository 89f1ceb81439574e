package dev.cftokens.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** Worker script uploads as Cloudflare takes them: {@code multipart/form-data} with a metadata part. */
final class WorkerUploads {
    static final String BOUNDARY = "----cftokens-test-boundary";

    private WorkerUploads() {}

    /** A multipart body: the metadata part, then one part per (name, content type, content) triple. */
    static byte[] multipart(String metadata, String... parts) {
        StringBuilder text = new StringBuilder();
        text.append("--")
                .append(BOUNDARY)
                .append("\r\n")
                .append("Content-Disposition: form-data; name=\"metadata\"; filename=\"blob\"\r\n")
                .append("Content-Type: application/json\r\n\r\n")
                .append(metadata)
                .append("\r\n");
        for (int i = 0; i < parts.length; i += 3) {
            text.append("--")
                    .append(BOUNDARY)
                    .append("\r\n")
                    .append("Content-Disposition: form-data; name=\"")
                    .append(parts[i])
                    .append("\"; filename=\"")
                    .append(parts[i])
                    .append("\"\r\n")
                    .append("Content-Type: ")
                    .append(parts[i + 1])
                    .append("\r\n\r\n")
                    .append(parts[i + 2])
                    .append("\r\n");
        }
        text.append("--").append(BOUNDARY).append("--\r\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code PUT /accounts/{account}/workers/scripts/{name}} with {@code body}, as {@code token}. */
    static ApiClient.Response upload(CloudflareEmulator emulator, String token, String name, byte[] body) {
        String url = emulator.baseUrl() + "/accounts/" + emulator.accountId() + "/workers/scripts/" + name;
        return ApiClient.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }
}
