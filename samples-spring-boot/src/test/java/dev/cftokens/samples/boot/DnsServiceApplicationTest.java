package dev.cftokens.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatedToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Runs the sample service against the emulator, as its README section shows. */
@SpringBootTest(properties = "ZONE_ID=0123456789abcdef0123456789abcdef")
@ExtendWith(OutputCaptureExtension.class)
class DnsServiceApplicationTest {
    static final CloudflareEmulator EMULATOR = CloudflareEmulator.start();

    @DynamicPropertySource
    static void cloudflare(DynamicPropertyRegistry registry) throws IOException {
        Path state = Files.createTempDirectory("dns-service").resolve("state.json");
        registry.add("cftokens.base-url", EMULATOR::baseUrl);
        registry.add("cftokens.api-token", EMULATOR::adminToken);
        registry.add("cftokens.account-id", EMULATOR::accountId);
        registry.add("cftokens.state", state::toString);
        registry.add("cftokens.passphrase", () -> "sample passphrase");
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    @Test
    void theServiceGetsItsTwoTokensInjectedAndPrintsThemMasked(@Autowired DnsService service, CapturedOutput output) {
        assertThat(EMULATOR.tokens())
                .extracting(EmulatedToken::id)
                .containsExactlyInAnyOrder(
                        service.dnsEdit().id(), service.analyticsRead().id());
        assertThat(EMULATOR.tokens())
                .extracting(EmulatedToken::name)
                .containsExactlyInAnyOrder("DNS Service: edit records", "DNS Service: read analytics");
        assertThat(output.getOut())
                .contains("DNS edits with ProvisionedToken{dns-edit-token, id="
                        + service.dnsEdit().id())
                .contains("Analytics reads with ProvisionedToken{analytics-read-token")
                .doesNotContain(service.dnsEdit().value().reveal())
                .doesNotContain(service.analyticsRead().value().reveal());
    }
}
