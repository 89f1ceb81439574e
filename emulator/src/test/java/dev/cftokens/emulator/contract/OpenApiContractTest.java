package dev.cftokens.emulator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatorOptions;
import dev.cftokens.emulator.RecordedExchange;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OpenApiContractTest {
    private static final String TOKEN = "{\"id\": \"ed17574386854bf78a67040be0a770b0\", \"name\": \"t\", "
            + "\"status\": \"active\", \"issued_on\": \"2026-01-01T00:00:00Z\", "
            + "\"modified_on\": \"2026-01-01T00:00:00Z\", LAST_USED \"policies\": []}";
    private static final String PATH =
            "/accounts/023e105f4ecef8ad9ca31a8372d0c353/tokens/ed17574386854bf78a67040be0a770b0";

    private final OpenApiContract contract = OpenApiContract.bundled();

    private static RecordedExchange answer(String method, String path, int status, String body) {
        return new RecordedExchange(
                method,
                path,
                null,
                null,
                new byte[0],
                status,
                "application/json",
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String envelope(String result) {
        return "{\"success\": true, \"errors\": [], \"messages\": [], \"result\": " + result + "}";
    }

    @Test
    void aConformingTokenAnswerPasses() {
        String token = TOKEN.replace("LAST_USED", "\"last_used_on\": \"2026-01-02T00:00:00Z\",");

        assertThat(contract.responseViolations(answer("GET", PATH, 200, envelope(token))))
                .isEmpty();
    }

    @Test
    void aNullWhereTheDescriptionSaysStringFails() {
        String token = TOKEN.replace("LAST_USED", "\"last_used_on\": null,");

        assertThat(contract.responseViolations(answer("GET", PATH, 200, envelope(token))))
                .singleElement()
                .asString()
                .contains("GET " + PATH, "last_used_on", "string");
    }

    @Test
    void aFieldOfTheWrongTypeOrAMissingRequiredFieldFails() {
        String wrongType = TOKEN.replace("LAST_USED", "").replace("\"name\": \"t\"", "\"name\": 7");
        String failure = "{\"success\": false, \"errors\": [], \"messages\": []}";

        assertThat(contract.responseViolations(answer("GET", PATH, 200, envelope(wrongType))))
                .anySatisfy(v -> assertThat(v).contains("name", "string"));
        assertThat(contract.responseViolations(answer("GET", PATH, 404, failure)))
                .anySatisfy(v -> assertThat(v).contains("result"));
    }

    @Test
    void verifyIsTheVerifyOperationNotATokenId() {
        String verified = envelope("{\"id\": \"ed17574386854bf78a67040be0a770b0\", \"status\": \"active\"}");
        String noStatus = envelope("{\"id\": \"ed17574386854bf78a67040be0a770b0\"}");

        assertThat(contract.responseViolations(answer("GET", "/user/tokens/verify", 200, verified)))
                .isEmpty();
        assertThat(contract.responseViolations(answer("GET", "/user/tokens/verify", 200, noStatus)))
                .anySatisfy(v -> assertThat(v).contains("status"));
    }

    @Test
    void requestsAreCheckedAgainstTheRequestSchema() {
        String good = "{\"name\": \"n\", \"policies\": [{\"effect\": \"allow\", \"permission_groups\": [{\"id\": "
                + "\"c8fed203ed3043cba015a93ad1616f1f\"}], \"resources\": {\"com.cloudflare.api.account.zone.*\": \"*\"}}]}";
        String bad = good.replace("\"allow\"", "\"maybe\"");

        assertThat(contract.requestViolations(request("POST", "/user/tokens", good)))
                .isEmpty();
        assertThat(contract.requestViolations(request("POST", "/user/tokens", bad)))
                .anySatisfy(v -> assertThat(v).contains("effect"));
    }

    @Test
    void undescribedPathsAndRateLimitAnswersAreLeftAlone() {
        String rateLimited = "{\"success\": false, \"errors\": [{\"code\": 971, \"message\": \"slow down\"}], "
                + "\"messages\": [], \"result\": null}";

        assertThat(contract.responseViolations(answer("GET", "/accounts", 200, "[]")))
                .isEmpty();
        assertThat(contract.responseViolations(answer("GET", PATH, 429, rateLimited)))
                .isEmpty();
    }

    @Test
    void theEmulatorHandsEveryExchangeToItsListeners() throws Exception {
        List<RecordedExchange> seen = new CopyOnWriteArrayList<>();
        try (CloudflareEmulator emulator = CloudflareEmulator.start(
                EmulatorOptions.builder().exchangeListener(seen::add).build())) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/user/tokens/verify"))
                                    .header("Authorization", "Bearer " + emulator.adminToken())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(seen).singleElement().satisfies(exchange -> {
                assertThat(exchange.method()).isEqualTo("GET");
                assertThat(exchange.path()).isEqualTo("/user/tokens/verify");
                assertThat(exchange.status()).isEqualTo(200);
                assertThat(new String(exchange.responseBody(), StandardCharsets.UTF_8))
                        .isEqualTo(response.body());
                assertThat(contract.responseViolations(exchange)).isEmpty();
            });
        }
    }

    private static RecordedExchange request(String method, String path, String body) {
        return new RecordedExchange(
                method,
                path,
                null,
                "application/json",
                body.getBytes(StandardCharsets.UTF_8),
                200,
                "application/json",
                envelope("null").getBytes(StandardCharsets.UTF_8));
    }
}
