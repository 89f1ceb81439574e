package dev.cftokens.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.spring.actuate.CftokensActuatorAutoConfiguration;
import dev.cftokens.spring.actuate.CftokensEndpoint;
import dev.cftokens.spring.metrics.CftokensMeters;
import dev.cftokens.spring.metrics.CftokensMetricsAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the starter does when an optional library is missing from the application's class path. */
class ConditionsTest {
    final CloudflareEmulator emulator = CloudflareEmulator.start();

    @TempDir
    Path directory;

    @AfterEach
    void stop() {
        emulator.close();
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        CftokensAutoConfiguration.class,
                        CftokensActuatorAutoConfiguration.class,
                        CftokensMetricsAutoConfiguration.class))
                .withBean(
                        Cloudflare.class,
                        () -> Cloudflare.builder()
                                .baseUrl(emulator.baseUrl())
                                .apiToken(emulator.adminToken())
                                .accountId(emulator.accountId())
                                .build())
                .withPropertyValues(
                        "cftokens.state=" + directory.resolve("state.json"),
                        "cftokens.passphrase=conditions test",
                        "cftokens.inputs.zone-token.zone-id=" + Emulators.ZONE_ID,
                        "management.endpoints.web.exposure.include=cftokens");
    }

    @Test
    void withEverythingPresentTheEndpointAndTheMetersAreThere() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(CftokensEndpoint.class);
            assertThat(context).hasBean("cftokensHealthIndicator");
            assertThat(context).hasSingleBean(CftokensMeters.class);
        });
    }

    @Test
    void withoutMicrometerTheTokensAreProvisionedWithoutMeters() {
        runner().withClassLoader(new FilteredClassLoader(MeterBinder.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ProvisionedTokens.class).all()).hasSize(2);
            assertThat(context).doesNotHaveBean(CftokensMeters.class);
        });
    }

    @Test
    void withoutActuatorTheTokensAreProvisionedWithoutEndpointOrHealth() {
        runner().withClassLoader(new FilteredClassLoader(Endpoint.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ProvisionedTokens.class).all()).hasSize(2);
            assertThat(context).doesNotHaveBean(CftokensEndpoint.class);
            assertThat(context).doesNotHaveBean("cftokensHealthIndicator");
        });
    }
}
