package dev.cftokens.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatedToken;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.spring.actuate.CftokensEndpoint;
import dev.cftokens.spring.app.ReadonlyToken;
import dev.cftokens.spring.app.TestApplication;
import dev.cftokens.spring.app.ZoneToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An application with the starter, against the emulator: its two declarations become beans. */
@SpringBootTest(
        classes = TestApplication.class,
        properties = {
            "ZONE_ID=" + Emulators.ZONE_ID,
            "cftokens.inputs.zone-token.zone-id=${ZONE_ID}",
            "management.endpoint.configprops.show-values=always",
            "management.endpoints.web.exposure.include=health,cftokens,configprops"
        })
class TokenBeansTest {
    static final CloudflareEmulator EMULATOR = CloudflareEmulator.start();
    static final Path STATE = temporaryDirectory().resolve("state.json");

    @DynamicPropertySource
    static void cloudflare(DynamicPropertyRegistry registry) {
        Emulators.register(registry, EMULATOR, STATE);
    }

    @AfterAll
    static void stopEmulator() {
        EMULATOR.close();
    }

    @Autowired
    ProvisionedToken<ReadonlyToken> readonly;

    @Autowired
    ProvisionedToken<ZoneToken> zone;

    @Test
    void eachDeclarationIsABeanInjectedByItsGenericType() {
        assertThat(readonly.declarationId()).isEqualTo("readonly-token");
        assertThat(readonly.tokenType()).isEqualTo(ReadonlyToken.class);
        assertThat(zone.declarationId()).isEqualTo("zone-token");
        assertThat(EMULATOR.tokens()).extracting(EmulatedToken::id).containsExactlyInAnyOrder(readonly.id(), zone.id());
        assertThat(Emulators.authenticates(EMULATOR, readonly)).isTrue();
        assertThat(Emulators.authenticates(EMULATOR, zone)).isTrue();
        assertThat(readonly.toString()).doesNotContain(readonly.value().reveal());
    }

    @Test
    void aBeanThatInjectsATokenIsCreatedAfterTheTokenIsProvisioned(@Autowired TestApplication.DnsClient client) {
        assertThat(client.tokenIdAtConstruction()).isEqualTo(zone.id());
        assertThat(client.token()).isSameAs(zone);
    }

    @Test
    void anInputValueComesFromAPropertyAndItsPlaceholder() {
        EmulatedToken token = EMULATOR.tokens().stream()
                .filter(t -> t.id().equals(zone.id()))
                .findFirst()
                .orElseThrow();
        assertThat(token.policies().toString()).contains("com.cloudflare.api.account.zone." + Emulators.ZONE_ID);
    }

    @Test
    void theCloudflareClientIsABean(@Autowired Cloudflare cloudflare) {
        assertThat(cloudflare.baseUrl()).isEqualTo(EMULATOR.baseUrl());
        assertThat(cloudflare.accountId()).isEqualTo(EMULATOR.accountId());
    }

    @Test
    void theEndpointShowsTheLastRunsPlanAndEachTokenNeverAValue(
            @Autowired CftokensEndpoint endpoint, @Autowired ObjectMapper json) throws Exception {
        CftokensEndpoint.Report report = endpoint.report();
        assertThat(report.lastRun().lines()).anyMatch(line -> line.startsWith("+ create readonly-token"));
        assertThat(report.tokens())
                .extracting(CftokensEndpoint.TokenDescriptor::declarationId, CftokensEndpoint.TokenDescriptor::id)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("readonly-token", readonly.id()),
                        org.assertj.core.groups.Tuple.tuple("zone-token", zone.id()));
        assertThat(report.tokens().get(1).expiresOn()).hasToString("2040-01-01T00:00:00Z");
        assertThat(report.tokens().get(1).status()).isEqualTo("active");
        String rendered = json.writeValueAsString(report);
        assertThat(rendered)
                .contains(zone.id())
                .doesNotContain(readonly.value().reveal())
                .doesNotContain(zone.value().reveal());
    }

    @Test
    void theHealthIsUpAndOneCheckServesAnInterval(@Autowired Map<String, HealthIndicator> indicators) {
        HealthIndicator health = indicators.get("cftokensHealthIndicator");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        long requests = EMULATOR.requestCount();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(EMULATOR.requestCount()).isEqualTo(requests);
        assertThat(health.health().getDetails().toString()).contains("= unchanged readonly-token");
    }

    @Test
    void secretPropertiesAreMaskedInConfigprops(@Autowired ConfigurationPropertiesReportEndpoint endpoint)
            throws Exception {
        String report = new ObjectMapper().writeValueAsString(endpoint.configurationProperties());
        assertThat(report)
                .contains("cftokens")
                .contains(EMULATOR.accountId()) // values are shown here...
                .doesNotContain(EMULATOR.adminToken()) // ...but not the secrets
                .doesNotContain("correct horse battery staple")
                .doesNotContain(STATE.toString());
    }

    @Test
    void anotherStartWithTheSameStateChangesNothing() {
        List<String> before = EMULATOR.tokens().stream().map(EmulatedToken::id).toList();
        long requests = EMULATOR.requestCount();
        long reads = EMULATOR.requestCount("GET");
        try (ConfigurableApplicationContext again = new SpringApplicationBuilder(TestApplication.class)
                .properties(Emulators.of(EMULATOR, STATE))
                .properties("cftokens.inputs.zone-token.zone-id=" + Emulators.ZONE_ID)
                .run()) {
            ProvisionedTokens tokens = again.getBean(ProvisionedTokens.class);
            assertThat(tokens.token("zone-token").id()).isEqualTo(zone.id());
            assertThat(tokens.token("zone-token").value().reveal())
                    .isEqualTo(zone.value().reveal());
            assertThat(tokens.run().lines()).noneMatch(line -> line.startsWith("+") || line.startsWith("~"));
        }
        assertThat(EMULATOR.tokens().stream().map(EmulatedToken::id).toList()).isEqualTo(before);
        // Values come from the state: the restart only reads, one token list for both declarations.
        assertThat(EMULATOR.requestCount() - requests)
                .isEqualTo(EMULATOR.requestCount("GET") - reads)
                .isEqualTo(1);
    }

    static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("cftokens-starter");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
