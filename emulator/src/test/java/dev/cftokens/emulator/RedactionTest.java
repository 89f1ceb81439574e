package dev.cftokens.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Error messages quote what was wrong with a request, but never a secret it carried. */
class RedactionTest {
    // Each test changes the account's tokens or scripts: a fresh emulator keeps them apart.
    @RegisterExtension
    static final CloudflareEmulatorExtension CLOUDFLARE = CloudflareEmulatorExtension.freshPerTest();

    private static final String SECRET = "do-not-echo-this-secret-0123456789abcdef";

    private CloudflareEmulator emulator;
    private ApiClient admin;
    private String scripts;

    @BeforeEach
    void start(CloudflareEmulator emulator) {
        this.emulator = emulator;
        admin = ApiClient.admin(emulator);
        scripts = "/accounts/" + emulator.accountId() + "/workers/scripts";
    }

    private ApiClient.Response upload(String metadata) {
        return WorkerUploads.upload(
                emulator,
                emulator.adminToken(),
                "w",
                WorkerUploads.multipart(metadata, "worker.js", "application/javascript+module", "export default {};"));
    }

    @Test
    void bindingsSentAsAnObjectAreNotEchoed() {
        ApiClient.Response response = upload("{\"main_module\": \"worker.js\", \"bindings\": "
                + "{\"type\": \"secret_text\", \"name\": \"API_TOKEN\", \"text\": \"" + SECRET + "\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessages()).contains("metadata.bindings must be a list", "\"****\"");
        assertThat(response.text()).doesNotContain(SECRET);
    }

    @Test
    void aBindingListedInsideAListIsNotEchoed() {
        ApiClient.Response response = upload("{\"main_module\": \"worker.js\", \"bindings\": "
                + "[[{\"type\": \"secret_text\", \"name\": \"API_TOKEN\", \"text\": \"" + SECRET + "\"}]]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessages()).contains("metadata.bindings[0] must be an object");
        assertThat(response.text()).doesNotContain(SECRET);
    }

    @Test
    void aSecretBodySentAsAnArrayIsNotEchoed() {
        ApiClient.Response response = admin.put(
                scripts + "/w/secrets",
                "[{\"name\": \"API_TOKEN\", \"text\": \"" + SECRET + "\", \"type\": \"secret_text\"}]");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessages()).contains("secret body must be");
        assertThat(response.text()).doesNotContain(SECRET);
    }

    @Test
    void aTokenCreateErrorDoesNotEchoSecretLookingFields() {
        String tokens = "/accounts/" + emulator.accountId() + "/tokens";
        ApiClient.Response asArray = admin.post(tokens, "[{\"name\": \"t\", \"value\": \"" + SECRET + "\"}]");
        ApiClient.Response nameAsObject = admin.post(
                tokens,
                "{\"name\": {\"api_token\": \"" + SECRET + "\", " + "\"password\": \"" + SECRET
                        + "\", \"SecretKey\": [\"" + SECRET + "\"]}, \"policies\": []}");
        ApiClient.Response meta = admin.post(
                tokens,
                "{\"name\": \"t\", \"policies\": [{\"effect\": \"allow\", "
                        + "\"permission_groups\": [{\"id\": \"x\", \"meta\": [\"" + SECRET
                        + "\"]}], \"resources\": {}}]}");

        assertThat(asArray.status()).isEqualTo(400);
        assertThat(asArray.errorMessages()).contains("request body must be a JSON object");
        assertThat(nameAsObject.status()).isEqualTo(400);
        assertThat(nameAsObject.errorMessages()).contains("name must be a string", "\"api_token\":\"****\"");
        assertThat(asArray.text() + nameAsObject.text()).doesNotContain(SECRET);
        assertThat(meta.status()).isEqualTo(400);
    }

    @Test
    void unparseableJsonIsNotEchoed() {
        ApiClient.Response response = admin.put(
                scripts + "/w/secrets", "{\"name\": \"API_TOKEN\", \"text\": unquotedSecret0123456789abcdef}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessages()).contains("not valid JSON");
        assertThat(response.text()).doesNotContain("unquotedSecret");
    }
}
