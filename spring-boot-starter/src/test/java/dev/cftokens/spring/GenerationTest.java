package dev.cftokens.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.spring.app.TestApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every feature of the starter on the Spring Boot generation on the class path, through nothing but APIs
 * every generation shares (an application started over HTTP, the JDK's HTTP client): the starter's own
 * build runs it on Boot 3.5, and the modules spring-boot-starter-boot4.0 and -boot4.1 run this same class
 * from the starter's test jar on Boot 4.0 and 4.1.
 */
class GenerationTest {
    static final CloudflareEmulator EMULATOR = CloudflareEmulator.start();
    static final String KEY = StateKey.generate().toBase64();
    static final String STATE_PASSWORD = "state password 81f0";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;

    static ConfigurableApplicationContext application;
    static String base;

    @BeforeAll
    static void start() {
        // The credentials under both names the starter reads them by: the property and the variable.
        application = new SpringApplicationBuilder(TestApplication.class)
                .properties(
                        "server.port=0",
                        "management.endpoints.web.exposure.include=health,cftokens,env,configprops",
                        "management.endpoint.health.show-details=always",
                        "management.endpoint.env.show-values=always",
                        "management.endpoint.configprops.show-values=always",
                        "cftokens.api-token=" + EMULATOR.adminToken(),
                        "CLOUDFLARE_API_TOKEN=" + EMULATOR.adminToken(),
                        "CLOUDFLARE_ACCOUNT_ID=" + EMULATOR.accountId(),
                        "CLOUDFLARE_BASE_URL=" + EMULATOR.baseUrl(),
                        "cftokens.key=" + KEY,
                        "CFTOKENS_KEY=" + KEY,
                        "CFTOKENS_STATE=" + directory.resolve("state.json"),
                        "CFTOKENS_STATE_PASSWORD=" + STATE_PASSWORD,
                        "cftokens.inputs.zone-token.zone-id=" + Emulators.ZONE_ID)
                .run();
        base = "http://localhost:" + application.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (application != null) {
            application.close();
        }
        EMULATOR.close();
    }

    private static String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return response.body();
    }

    @Test
    void theTokensAreInjected() {
        TestApplication.DnsClient client = application.getBean(TestApplication.DnsClient.class);
        assertThat(Emulators.authenticates(EMULATOR, client.token())).isTrue();
    }

    @Test
    void theHealthComponentIsUp() throws Exception {
        JsonNode health = JSON.readTree(get("/actuator/health"));
        assertThat(health.at("/components/cftokens/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/cftokens/details/tokens").toString()).contains("= unchanged readonly-token");
    }

    @Test
    void theEndpointListsTheTokensWithoutValues() throws Exception {
        JsonNode report = JSON.readTree(get("/actuator/cftokens"));
        assertThat(report.at("/tokens").findValuesAsText("declarationId"))
                .containsExactly("readonly-token", "zone-token");
        String value = application
                .getBean(TestApplication.DnsClient.class)
                .token()
                .value()
                .reveal();
        assertThat(report.toString()).doesNotContain(value);
    }

    @Test
    void everyCredentialIsMaskedInEnvAndConfigprops() throws Exception {
        List<String> secrets = List.of(EMULATOR.adminToken(), KEY, STATE_PASSWORD, directory.toString());
        String env = get("/actuator/env");
        String configprops = get("/actuator/configprops");
        for (String secret : secrets) {
            assertThat(env).doesNotContain(secret);
            assertThat(configprops).doesNotContain(secret);
        }
        // Shown values stay shown: the masking is by name, not everything.
        assertThat(env).contains(EMULATOR.accountId());
        assertThat(JSON.readTree(env).findValues("CLOUDFLARE_API_TOKEN").toString())
                .contains("******");
        assertThat(configprops).contains("\"apiToken\":\"******\"").contains("\"key\":\"******\"");
    }

    @Test
    void theConfigurationMetadataIsThere() throws IOException {
        String metadata = new String(
                getClass()
                        .getClassLoader()
                        .getResourceAsStream("META-INF/spring-configuration-metadata.json")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(metadata).contains("cftokens.api-token").contains("cftokens.health.interval");
    }

    @Test
    void aFailedStartIsAnalysed() {
        assumeTrue(System.getenv("CLOUDFLARE_API_TOKEN") == null && System.getenv("CLOUDFLARE_API_KEY") == null);
        List<String> arguments = new ArrayList<>(List.of(
                "spring.main.web-application-type=none",
                "CLOUDFLARE_API_TOKEN=",
                "CFTOKENS_STATE=" + directory.resolve("failed.json"),
                "cftokens.inputs.zone-token.zone-id=" + Emulators.ZONE_ID));
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> new SpringApplicationBuilder(TestApplication.class)
                            .properties(arguments.toArray(String[]::new))
                            .run())
                    .isNotNull();
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("APPLICATION FAILED TO START")
                .contains("Set the CLOUDFLARE_API_TOKEN variable");
    }
}
