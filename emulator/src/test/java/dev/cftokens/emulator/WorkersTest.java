package dev.cftokens.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cftokens.emulator.http.MultipartForm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Worker script upload as multipart/form-data, secrets, and the read-back of bindings. */
class WorkersTest {
    // Each test changes the account's tokens or scripts: a fresh emulator keeps them apart.
    @RegisterExtension
    static final CloudflareEmulatorExtension CLOUDFLARE = CloudflareEmulatorExtension.freshPerTest();

    private static final String SECRET = "this-is-the-bound-token-value-0123456789ab";

    private CloudflareEmulator emulator;
    private ApiClient admin;
    private String scripts;

    @BeforeEach
    void start(CloudflareEmulator emulator) {
        this.emulator = emulator;
        admin = ApiClient.admin(emulator);
        scripts = "/accounts/" + emulator.accountId() + "/workers/scripts";
    }

    private static byte[] multipart(String metadata, String... parts) {
        return WorkerUploads.multipart(metadata, parts);
    }

    private ApiClient.Response upload(String token, String name, byte[] body) {
        return WorkerUploads.upload(emulator, token, name, body);
    }

    private static String moduleUpload() {
        return "{\"main_module\": \"worker.js\", \"compatibility_date\": \"2024-09-23\", \"bindings\": ["
                + "{\"type\": \"secret_text\", \"name\": \"API_TOKEN\", \"text\": \"" + SECRET + "\"}, "
                + "{\"type\": \"plain_text\", \"name\": \"MODE\", \"text\": \"prod\"}]}";
    }

    private static final String CODE = "export default { fetch() { return new Response('hi'); } };";

    @Test
    void moduleUploadStoresModulesAndBindings() {
        ApiClient.Response response = upload(
                emulator.adminToken(),
                "my-worker",
                multipart(moduleUpload(), "worker.js", "application/javascript+module", CODE));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.result().path("id").asText()).isEqualTo("my-worker");
        assertThat(response.result().path("etag").asText()).matches("[0-9a-f]{64}");
        assertThat(response.text()).doesNotContain(SECRET);
        DeployedScript script = emulator.workerScript("my-worker").orElseThrow();
        assertThat(script.mainModule()).isEqualTo("worker.js");
        assertThat(script.modules()).containsExactly("worker.js");
        assertThat(script.bindings())
                .containsExactly(
                        new DeployedScript.Binding("API_TOKEN", "secret_text"),
                        new DeployedScript.Binding("MODE", "plain_text"));
        assertThat(emulator.workerSecretText("my-worker", "API_TOKEN")).hasValue(SECRET);
        assertThat(emulator.workerSecretText("my-worker", "MODE"))
                .as("not a secret")
                .isEmpty();
        assertThat(script.toString()).doesNotContain(SECRET);
    }

    @Test
    void anAbsentScriptIsA404WithCode10007ForGetAndDelete() {
        ApiClient.Response get = admin.get(scripts + "/not-there");
        ApiClient.Response delete = admin.delete(scripts + "/not-there");

        assertThat(List.of(get, delete)).allSatisfy(response -> {
            assertThat(response.status()).as(response.text()).isEqualTo(404);
            assertThat(response.success()).isFalse();
            assertThat(response.errorCode()).isEqualTo(10007);
            assertThat(response.errorMessage()).contains("not-there");
        });
    }

    @Test
    void aServiceWorkerScriptDownloadsAsItsOneFile() {
        String code = "addEventListener('fetch', e => e.respondWith(new Response('sw')));";
        upload(
                emulator.adminToken(),
                "sw",
                multipart("{\"body_part\": \"script\"}", "script", "application/javascript", code));

        ApiClient.Response download = admin.get(scripts + "/sw");

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/javascript");
        assertThat(download.text()).isEqualTo(code);
    }

    @Test
    void aModuleScriptDownloadsAsMultipartWithEveryModuleAndNoSecret() {
        upload(
                emulator.adminToken(),
                "mods",
                multipart(
                        moduleUpload(),
                        "worker.js",
                        "application/javascript+module",
                        CODE,
                        "util.js",
                        "application/javascript+module",
                        "export const x = 1;"));

        ApiClient.Response download = admin.get(scripts + "/mods");

        assertThat(download.status()).isEqualTo(200);
        String contentType = download.headers().firstValue("Content-Type").orElseThrow();
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        MultipartForm form = MultipartForm.parse(contentType, download.text().getBytes(StandardCharsets.UTF_8));
        assertThat(form.parts()).extracting(MultipartForm.Part::name).containsExactly("worker.js", "util.js");
        assertThat(form.part("worker.js").orElseThrow().text()).isEqualTo(CODE);
        assertThat(form.part("util.js").orElseThrow().contentType()).isEqualTo("application/javascript+module");
        assertThat(download.text()).doesNotContain(SECRET);
    }

    @Test
    void listShowsEveryScriptAndDeleteRemovesOne() {
        upload(
                emulator.adminToken(),
                "first",
                multipart(moduleUpload(), "worker.js", "application/javascript+module", CODE));
        upload(
                emulator.adminToken(),
                "second",
                multipart(moduleUpload(), "worker.js", "application/javascript+module", CODE));

        ApiClient.Response listed = admin.get(scripts);
        ApiClient.Response deleted = admin.delete(scripts + "/first?force=true");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.result()).extracting(s -> s.path("id").asText()).containsExactly("first", "second");
        assertThat(listed.result().path(0).path("created_on").asText()).matches("\\d{4}-.*Z");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.result().path("id").asText()).isEqualTo("first");
        assertThat(emulator.workerScript("first")).isEmpty();
        assertThat(admin.get(scripts + "/first").status()).isEqualTo(404);
        assertThat(admin.get(scripts).result())
                .extracting(s -> s.path("id").asText())
                .containsExactly("second");
    }

    @Test
    void settingsAndSecretsReadBackNamesAndTypesButNeverSecretText() {
        upload(
                emulator.adminToken(),
                "reader",
                multipart(moduleUpload(), "worker.js", "application/javascript+module", CODE));

        ApiClient.Response settings = admin.get(scripts + "/reader/settings");
        ApiClient.Response secrets = admin.get(scripts + "/reader/secrets");

        assertThat(settings.status()).isEqualTo(200);
        JsonNode bindings = settings.result().path("bindings");
        assertThat(bindings.size()).isEqualTo(2);
        assertThat(bindings.path(0).path("name").asText()).isEqualTo("API_TOKEN");
        assertThat(bindings.path(0).path("type").asText()).isEqualTo("secret_text");
        assertThat(bindings.path(0).has("text")).isFalse();
        assertThat(bindings.path(1).path("text").asText()).isEqualTo("prod");
        assertThat(secrets.result().size()).isEqualTo(1);
        assertThat(secrets.result().path(0).path("name").asText()).isEqualTo("API_TOKEN");
        assertThat(settings.text() + secrets.text()).doesNotContain(SECRET);
    }

    @Test
    void serviceWorkerUploadUsesBodyPart() {
        ApiClient.Response response = upload(
                emulator.adminToken(),
                "classic",
                multipart(
                        "{\"body_part\": \"script\", \"bindings\": []}",
                        "script",
                        "application/javascript",
                        "addEventListener('fetch', e => e.respondWith(new Response('hi')));"));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(emulator.workerScript("classic").orElseThrow().bodyPart()).isEqualTo("script");
    }

    @Test
    void putSecretSetsOrReplacesOneSecret() {
        upload(
                emulator.adminToken(),
                "w",
                multipart(moduleUpload(), "worker.js", "application/javascript+module", CODE));

        ApiClient.Response added = admin.put(
                scripts + "/w/secrets",
                "{\"name\": \"OTHER_TOKEN\", \"text\": \"second-secret\", \"type\": \"secret_text\"}");
        ApiClient.Response replaced = admin.put(
                scripts + "/w/secrets",
                "{\"name\": \"API_TOKEN\", \"text\": \"rolled-secret\", \"type\": \"secret_text\"}");

        assertThat(added.status()).isEqualTo(200);
        assertThat(added.result().path("name").asText()).isEqualTo("OTHER_TOKEN");
        assertThat(added.result().path("type").asText()).isEqualTo("secret_text");
        assertThat(added.text()).doesNotContain("second-secret");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(emulator.workerSecretText("w", "API_TOKEN")).hasValue("rolled-secret");
        assertThat(emulator.workerSecretText("w", "OTHER_TOKEN")).hasValue("second-secret");
        assertThat(emulator.workerScript("w").orElseThrow().bindings()).hasSize(3);
    }

    @Test
    void putSecretChecksItsBodyAndTheScript() {
        ApiClient.Response missing =
                admin.put(scripts + "/nope/secrets", "{\"name\": \"A\", \"text\": \"x\", \"type\": \"secret_text\"}");
        upload(
                emulator.adminToken(),
                "w",
                multipart(moduleUpload(), "worker.js", "application/javascript+module", CODE));
        ApiClient.Response wrongType =
                admin.put(scripts + "/w/secrets", "{\"name\": \"A\", \"text\": \"x\", \"type\": \"plain_text\"}");
        ApiClient.Response clash =
                admin.put(scripts + "/w/secrets", "{\"name\": \"MODE\", \"text\": \"x\", \"type\": \"secret_text\"}");
        ApiClient.Response noText = admin.put(scripts + "/w/secrets", "{\"name\": \"A\", \"type\": \"secret_text\"}");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo(10007);
        assertThat(missing.errorMessage()).contains("nope");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.errorMessage()).contains("plain_text");
        assertThat(clash.status()).isEqualTo(400);
        assertThat(clash.errorMessage()).contains("MODE");
        assertThat(noText.status()).isEqualTo(400);
        assertThat(noText.errorMessage()).contains("text");
    }

    @Test
    void keepBindingsKeepsSecretsAcrossUploads() {
        upload(
                emulator.adminToken(),
                "w",
                multipart(moduleUpload(), "worker.js", "application/javascript+module", CODE));

        upload(
                emulator.adminToken(),
                "w",
                multipart(
                        "{\"main_module\": \"worker.js\", \"keep_bindings\": [\"secret_text\"], " + "\"bindings\": []}",
                        "worker.js",
                        "application/javascript+module",
                        CODE));
        assertThat(emulator.workerSecretText("w", "API_TOKEN")).hasValue(SECRET);
        assertThat(emulator.workerScript("w").orElseThrow().binding("MODE")).isEmpty();

        upload(
                emulator.adminToken(),
                "w",
                multipart("{\"main_module\": \"worker.js\"}", "worker.js", "application/javascript+module", CODE));
        assertThat(emulator.workerScript("w").orElseThrow().bindings()).isEmpty();
    }

    @Test
    void uploadsAreValidated() {
        assertRejected(
                multipart("{\"bindings\": []}", "worker.js", "application/javascript+module", CODE), "main_module");
        assertRejected(
                multipart("{\"main_module\": \"index.js\"}", "worker.js", "application/javascript+module", CODE),
                "index.js");
        assertRejected(multipart("{\"main_module\": \"worker.js\"}", "worker.js", "text/plain", CODE), "text/plain");
        assertRejected(
                multipart(
                        "{\"main_module\": \"worker.js\", \"bindings\": [{\"type\": \"secret_text\", "
                                + "\"name\": \"A\"}]}",
                        "worker.js",
                        "application/javascript+module",
                        CODE),
                "\"A\"");
        assertRejected(
                multipart(
                        "{\"main_module\": \"worker.js\", \"bindings\": [{\"type\": \"plain_text\", "
                                + "\"name\": \"not a name\", \"text\": \"x\"}]}",
                        "worker.js",
                        "application/javascript+module",
                        CODE),
                "not a name");
        assertRejected(
                multipart(
                        "{\"main_module\": \"worker.js\", \"compatibility_date\": \"yesterday\"}",
                        "worker.js",
                        "application/javascript+module",
                        CODE),
                "yesterday");
        assertRejected("no multipart here".getBytes(StandardCharsets.UTF_8), "boundary");
        assertThat(emulator.workerScript("w")).isEmpty();
    }

    @Test
    void uploadWithoutMultipartContentTypeIsA400() {
        ApiClient.Response response = admin.put(scripts + "/w", "{\"main_module\": \"worker.js\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessage()).contains("multipart/form-data");
    }

    @Test
    void badScriptNameIsA400() {
        ApiClient.Response response = upload(
                emulator.adminToken(),
                "Bad_Name!",
                multipart(moduleUpload(), "worker.js", "application/javascript+module", CODE));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessage()).contains("Bad_Name!");
    }

    @Test
    void uploadNeedsWorkersScriptsWrite() {
        String account = "com.cloudflare.api.account." + emulator.accountId();
        String tokens = "/accounts/" + emulator.accountId() + "/tokens";
        String reader = admin.post(tokens, Bodies.token("r", Bodies.WORKERS_SCRIPTS_READ, account))
                .result()
                .path("value")
                .asText();
        String writer = admin.post(tokens, Bodies.token("w", Bodies.WORKERS_SCRIPTS_WRITE, account))
                .result()
                .path("value")
                .asText();
        byte[] body = multipart(moduleUpload(), "worker.js", "application/javascript+module", CODE);

        ApiClient.Response refused = upload(reader, "w", body);
        ApiClient.Response accepted = upload(writer, "w", body);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo(9109);
        assertThat(refused.errorMessage()).contains("Workers Scripts Write");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(ApiClient.bearer(emulator, reader)
                        .get(scripts + "/w/settings")
                        .status())
                .isEqualTo(200);
        assertThat(ApiClient.bearer(emulator, reader)
                        .put(scripts + "/w/secrets", "{\"name\": \"A\", \"text\": \"x\", \"type\": \"secret_text\"}")
                        .status())
                .isEqualTo(403);
    }

    private void assertRejected(byte[] body, String fragment) {
        ApiClient.Response response = upload(emulator.adminToken(), "w", body);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo(1001);
        assertThat(response.errorMessages()).contains(fragment);
    }
}
