package dev.cftokens.runtime.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.ProvisionedTokens;
import dev.cftokens.runtime.RateLimit;
import dev.cftokens.runtime.Secret;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(dev.cftokens.runtime.LeakScan.class)
class WorkerTest {
    private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String VALUE = "w0rkerT0kenValue0123456789abcdefghijklmnop";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private Cloudflare cloudflare;

    interface DeployToken {}

    private final ProvisionedToken<DeployToken> token = ProvisionedTokens.of(
            DeployToken.class,
            "deploy-token",
            "ed17574386854bf78a67040be0a770b0",
            "Deploy",
            TokenStatus.ACTIVE,
            Secret.of(VALUE));

    @BeforeEach
    void start() throws IOException {
        server.start();
        cloudflare = Cloudflare.builder()
                .baseUrl(server.url("/client/v4").toString())
                .apiToken("admin-token-admin-token-admin-token-0001")
                .accountId(ACCOUNT)
                .rateLimit(RateLimit.unlimited())
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static MockResponse ok(String result) {
        return new MockResponse.Builder()
                .code(200)
                .headers(Headers.of("Content-Type", "application/json"))
                .body("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + result + "}")
                .build();
    }

    /** The parts of a multipart request, by name: content type and text. */
    private static Map<String, String[]> parts(RecordedRequest request) throws IOException {
        MediaType type = MediaType.get(request.getHeaders().get("Content-Type"));
        assertThat(type.type() + "/" + type.subtype()).isEqualTo("multipart/form-data");
        Map<String, String[]> parts = new LinkedHashMap<>();
        try (MultipartReader reader =
                new MultipartReader(new Buffer().write(request.getBody()), type.parameter("boundary"))) {
            MultipartReader.Part part;
            while ((part = reader.nextPart()) != null) {
                String disposition = part.headers().get("Content-Disposition");
                String name = disposition.replaceAll(".*name=\"([^\"]+)\".*", "$1");
                parts.put(name, new String[] {
                    part.headers().get("Content-Type"), part.body().readUtf8()
                });
            }
        }
        return parts;
    }

    @Test
    void serviceWorkerUploadCarriesTheTokenAsSecretText() throws Exception {
        server.enqueue(ok("{\"id\":\"my-worker\"}"));

        Worker.named("my-worker")
                .script("console.log('Hello, world!')")
                .bind("API_TOKEN", token)
                .bindText("STAGE", "production")
                .deploy(cloudflare);

        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("PUT");
        assertThat(request.getUrl().encodedPath())
                .isEqualTo("/client/v4/accounts/" + ACCOUNT + "/workers/scripts/my-worker");
        Map<String, String[]> parts = parts(request);
        assertThat(parts.keySet()).containsExactly("metadata", "worker.js");
        assertThat(parts.get("metadata")[0]).startsWith("application/json");
        assertThat(parts.get("worker.js")[0]).startsWith("application/javascript");
        assertThat(parts.get("worker.js")[1]).isEqualTo("console.log('Hello, world!')");
        JsonNode metadata = JSON.readTree(parts.get("metadata")[1]);
        assertThat(metadata)
                .isEqualTo(JSON.readTree("{\"body_part\":\"worker.js\",\"compatibility_date\":\""
                        + Worker.DEFAULT_COMPATIBILITY_DATE + "\",\"bindings\":["
                        + "{\"type\":\"secret_text\",\"name\":\"API_TOKEN\",\"text\":\"" + VALUE + "\"},"
                        + "{\"type\":\"plain_text\",\"name\":\"STAGE\",\"text\":\"production\"}]}"));
    }

    @Test
    void esModuleUploadNamesItsMainModule() throws Exception {
        server.enqueue(ok("{\"id\":\"edge-api\"}"));

        Worker.named("edge-api")
                .module("index.js", "export default { fetch() { return new Response('ok') } }")
                .compatibilityDate("2024-09-23")
                .bind("API_TOKEN", token.value())
                .deploy(cloudflare);

        Map<String, String[]> parts = parts(server.takeRequest(5, TimeUnit.SECONDS));
        assertThat(parts.keySet()).containsExactly("metadata", "index.js");
        assertThat(parts.get("index.js")[0]).startsWith("application/javascript+module");
        JsonNode metadata = JSON.readTree(parts.get("metadata")[1]);
        assertThat(metadata.get("main_module").asText()).isEqualTo("index.js");
        assertThat(metadata.has("body_part")).isFalse();
        assertThat(metadata.get("compatibility_date").asText()).isEqualTo("2024-09-23");
    }

    @Test
    void secretAloneIsPutOnTheExistingScript() throws Exception {
        server.enqueue(ok("{\"name\":\"API_TOKEN\",\"type\":\"secret_text\"}"));

        WorkerSecrets.put(cloudflare, "my-worker", "API_TOKEN", token);

        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("PUT");
        assertThat(request.getUrl().encodedPath())
                .isEqualTo("/client/v4/accounts/" + ACCOUNT + "/workers/scripts/my-worker/secrets");
        assertThat(JSON.readTree(request.getBody().utf8()))
                .isEqualTo(
                        JSON.readTree("{\"name\":\"API_TOKEN\",\"text\":\"" + VALUE + "\",\"type\":\"secret_text\"}"));
    }

    @Test
    void toStringShowsBindingsButNotSecrets() {
        Worker worker =
                Worker.named("my-worker").script("x").bind("API_TOKEN", token).bindText("STAGE", "prod");
        assertThat(worker.toString())
                .contains("API_TOKEN: secret_text ****", "STAGE: plain_text \"prod\"")
                .doesNotContain(VALUE);
    }

    @Test
    void badNamesAndMissingCodeAreRejectedBeforeAnyRequest() {
        assertThatThrownBy(() -> Worker.named("My Worker")).hasMessageContaining("\"My Worker\"");
        assertThatThrownBy(() -> Worker.named("w").bind("api-token", token)).hasMessageContaining("\"api-token\"");
        assertThatThrownBy(() -> Worker.named("w").module("index.ts", "x")).hasMessageContaining("\"index.ts\"");
        assertThatThrownBy(() -> Worker.named("w").compatibilityDate("2024-13-01"))
                .hasMessageContaining("\"2024-13-01\"");
        assertThatThrownBy(() -> Worker.named("w").script("x").bind("A", token).bind("A", token))
                .hasMessageContaining("already has a binding named A");
        assertThatThrownBy(() -> Worker.named("w").deploy(cloudflare)).hasMessageContaining("script(source)");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void workersAreImmutable() {
        Worker base = Worker.named("w").script("x");
        Worker bound = base.bind("A", token);
        assertThat(base.toString()).doesNotContain("A: secret_text");
        assertThat(bound.toString()).contains("A: secret_text");
    }

    @Test
    void keepBindingsIsSentSoARedeployKeepsSecretsSetBefore() throws Exception {
        server.enqueue(ok("{\"id\":\"my-worker\"}"));

        Worker worker = Worker.named("my-worker")
                .script("console.log('again')")
                .bindText("STAGE", "production")
                .keepBindings("secret_text")
                .keepBindings("kv_namespace", "secret_text");
        worker.deploy(cloudflare);

        JsonNode metadata =
                JSON.readTree(parts(server.takeRequest(5, TimeUnit.SECONDS)).get("metadata")[1]);
        assertThat(metadata.get("keep_bindings")).isEqualTo(JSON.readTree("[\"kv_namespace\",\"secret_text\"]"));
        assertThat(metadata.get("bindings")).hasSize(1);
        assertThat(worker.toString()).contains("keeps [kv_namespace, secret_text]");
        assertThatThrownBy(() -> worker.keepBindings("Secret Text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"Secret Text\"");
    }
}
