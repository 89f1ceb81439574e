package dev.cftokens.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --state: tokens, scripts and ids survive a restart; token values and secret texts never reach the file. */
class StateFileTest {
    @TempDir
    Path dir;

    @Test
    void tokensSurviveARestartAndTheirValuesStillWork() throws Exception {
        Path state = dir.resolve("state.json");
        String value;
        String id;
        String accountId;
        try (CloudflareEmulator first = CloudflareEmulator.start(
                EmulatorOptions.builder().statePath(state).build())) {
            accountId = first.accountId();
            String tokens = "/accounts/" + accountId + "/tokens";
            JsonNode created = ApiClient.admin(first)
                    .post(
                            tokens,
                            "{\"name\": \"kept\", \"expires_on\": \"2099-01-01T00:00:00Z\", "
                                    + "\"condition\": {\"request_ip\": {\"in\": [\"127.0.0.0/8\"]}}, \"policies\": ["
                                    + Bodies.policy(
                                            "allow",
                                            Bodies.ACCOUNT_API_TOKENS_READ,
                                            "com.cloudflare.api.account." + accountId)
                                    + "]}")
                    .result();
            value = created.path("value").asText();
            id = created.path("id").asText();
            ApiClient.admin(first).post(tokens, Bodies.zoneReader("deleted-later"));
            ApiClient.admin(first).delete(tokens + "/" + first.tokens().get(1).id());
            ApiClient.bearer(first, value).get(tokens); // last_used_on, saved only on close
        }
        String saved = Files.readString(state);
        assertThat(saved).contains(id).contains("value_sha256").doesNotContain(value);

        try (CloudflareEmulator second = CloudflareEmulator.start(
                EmulatorOptions.builder().statePath(state).build())) {
            assertThat(second.accountId()).isEqualTo(accountId);
            assertThat(second.tokens()).singleElement().satisfies(t -> {
                assertThat(t.id()).isEqualTo(id);
                assertThat(t.name()).isEqualTo("kept");
                assertThat(t.condition().in()).containsExactly("127.0.0.0/8");
                assertThat(t.lastUsedOn()).isNotNull();
            });
            ApiClient.Response listed = ApiClient.bearer(second, value).get("/accounts/" + accountId + "/tokens");
            assertThat(listed.status())
                    .as("the old value authenticates against the restarted emulator")
                    .isEqualTo(200);
            assertThat(listed.result().path(0).path("expires_on").asText()).isEqualTo("2099-01-01T00:00:00Z");
            assertThat(ApiClient.bearer(second, second.adminToken())
                            .get("/user")
                            .status())
                    .isEqualTo(200);
        }
    }

    /**
     * Each change writes the whole state; concurrent changes must not let an older snapshot land after a
     * newer one. A kill -9 may come at any moment, so at any moment the file must hold every token whose
     * create has answered: each client reads the file after each create. The restart reads a copy taken
     * before close (which saves once more), as a kill -9 would leave it.
     */
    @Test
    void concurrentCreatesAllReachTheFileBeforeAnyRestart() throws Exception {
        Path state = dir.resolve("state.json");
        Path afterKill = dir.resolve("after-kill.json");
        Set<String> created = ConcurrentHashMap.newKeySet();
        try (CloudflareEmulator first = CloudflareEmulator.start(
                EmulatorOptions.builder().statePath(state).build())) {
            String tokens = "/accounts/" + first.accountId() + "/tokens";
            ApiClient admin = ApiClient.admin(first);
            ExecutorService clients = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < 16; c++) {
                    int client = c;
                    done.add(clients.submit(() -> {
                        for (int i = 0; i < 30; i++) {
                            ApiClient.Response response = admin.post(tokens, Bodies.zoneReader("c" + client + "-" + i));
                            assertThat(response.status()).as(response.text()).isEqualTo(200);
                            String id = response.result().path("id").asText();
                            created.add(id);
                            assertThat(Files.readString(state))
                                    .as("the state file right after token %s answered", id)
                                    .contains(id);
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                clients.shutdownNow();
            }
            Files.copy(state, afterKill, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(created).hasSize(480);

        try (CloudflareEmulator second = CloudflareEmulator.start(
                EmulatorOptions.builder().statePath(afterKill).build())) {
            assertThat(second.tokens()).extracting(EmulatedToken::id).containsExactlyInAnyOrderElementsOf(created);
        }
    }

    @Test
    void scriptsSurviveWithoutTheirSecretTexts() throws Exception {
        Path state = dir.resolve("nested/dir/state.json");
        String secret = "secret-token-value-that-must-not-be-saved-0123";
        try (CloudflareEmulator first = CloudflareEmulator.start(
                EmulatorOptions.builder().statePath(state).build())) {
            String boundary = "b0undary";
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                    + "Content-Type: application/json\r\n\r\n{\"main_module\": \"w.js\", \"bindings\": [{\"type\": \"secret_text\", "
                    + "\"name\": \"API_TOKEN\", \"text\": \"" + secret + "\"}]}\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"w.js\"; filename=\"w.js\"\r\n"
                    + "Content-Type: application/javascript+module\r\n\r\nexport default {};\r\n--" + boundary
                    + "--\r\n";
            ApiClient.Response uploaded = ApiClient.send(HttpRequest.newBuilder(
                            URI.create(first.baseUrl() + "/accounts/" + first.accountId() + "/workers/scripts/kept"))
                    .header("Authorization", "Bearer " + first.adminToken())
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build());
            assertThat(uploaded.status()).isEqualTo(200);
        }
        assertThat(Files.readString(state)).contains("API_TOKEN").doesNotContain(secret);

        try (CloudflareEmulator second = CloudflareEmulator.start(
                EmulatorOptions.builder().statePath(state).build())) {
            assertThat(second.workerScript("kept").orElseThrow().binding("API_TOKEN"))
                    .hasValue(new DeployedScript.Binding("API_TOKEN", "secret_text"));
            assertThat(second.workerSecretText("kept", "API_TOKEN")).isEmpty();
        }
        try (var files = Files.list(state.getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(state);
        }
    }

    @Test
    void aGivenAccountIdMustMatchTheStateFile() {
        Path state = dir.resolve("state.json");
        CloudflareEmulator.start(EmulatorOptions.builder()
                        .statePath(state)
                        .accountId("0123456789abcdef0123456789abcdef")
                        .build())
                .close();

        assertThatThrownBy(() -> CloudflareEmulator.start(EmulatorOptions.builder()
                        .statePath(state)
                        .accountId("fedcba9876543210fedcba9876543210")
                        .build()))
                .hasMessageContaining("0123456789abcdef0123456789abcdef")
                .hasMessageContaining("fedcba9876543210fedcba9876543210");
    }

    @Test
    void aCorruptStateFileIsReportedByName() throws Exception {
        Path state = dir.resolve("state.json");
        Files.writeString(state, "{\"version\": 99}");

        assertThatThrownBy(() -> CloudflareEmulator.start(
                        EmulatorOptions.builder().statePath(state).build()))
                .hasMessageContaining(state.toString())
                .hasMessageContaining("version");
    }
}
