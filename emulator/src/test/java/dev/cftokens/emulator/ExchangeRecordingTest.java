package dev.cftokens.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Exchange listeners see each request with its own answer, however many arrive at once. */
class ExchangeRecordingTest {
    @Test
    void concurrentExchangesKeepTheirOwnBodies() throws Exception {
        List<RecordedExchange> seen = new CopyOnWriteArrayList<>();
        try (CloudflareEmulator emulator = CloudflareEmulator.start(
                EmulatorOptions.builder().exchangeListener(seen::add).build())) {
            ApiClient admin = ApiClient.admin(emulator);
            String tokens = "/accounts/" + emulator.accountId() + "/tokens";

            IntStream.range(0, 24).parallel().forEach(i -> admin.post(tokens, Bodies.zoneReader("token-" + i)));

            assertThat(seen).hasSize(24).allSatisfy(exchange -> {
                JsonNode request = ApiClient.JSON.readTree(exchange.requestBody());
                JsonNode answer = ApiClient.JSON.readTree(exchange.responseBody());
                assertThat(exchange.status()).isEqualTo(200);
                assertThat(answer.path("result").path("name").asText())
                        .isEqualTo(request.path("name").asText());
                assertThat(exchange.toString())
                        .as("no body, so no token value")
                        .doesNotContain(answer.path("result").path("value").asText());
            });
            assertThat(new String(seen.get(0).requestBody(), StandardCharsets.UTF_8))
                    .startsWith("{");
        }
    }
}
