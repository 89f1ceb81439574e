package dev.cftokens.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.spring.actuate.CftokensActuatorAutoConfiguration;
import dev.cftokens.spring.app.ReadonlyToken;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.core.ResolvableType;

/** What the auto-configuration backs off from, and what it does whatever the application's settings. */
class CftokensAutoConfigurationTest {
    /** One per test: each test's state is new, and a second state would not roll the first's tokens. */
    final CloudflareEmulator emulator = CloudflareEmulator.start();

    @TempDir
    Path directory;

    @AfterEach
    void stop() {
        emulator.close();
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CftokensAutoConfiguration.class))
                .withPropertyValues(
                        "cftokens.state=" + directory.resolve("state.json"),
                        "cftokens.passphrase=auto-configuration test",
                        "cftokens.inputs.zone-token.zone-id=" + Emulators.ZONE_ID);
    }

    @Test
    void disabledItNeitherProvisionsNorNeedsCredentials() {
        runner().withPropertyValues("cftokens.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ProvisionedTokens.class);
            assertThat(context).doesNotHaveBean(Cloudflare.class);
        });
    }

    /** An application's own client, for example with its own timeouts, replaces the one of the properties. */
    private Cloudflare ownClient() {
        return Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .apiToken(emulator.adminToken())
                .accountId(emulator.accountId())
                .build();
    }

    @Test
    void anApplicationsOwnCloudflareBeanIsUsed() {
        runner().withBean(Cloudflare.class, this::ownClient).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(Cloudflare.class);
            assertThat(context.getBean(ProvisionedTokens.class).all()).hasSize(2);
        });
    }

    @Test
    void lazyInitializationStillProvisionsAtStartup() {
        runner().withBean(Cloudflare.class, this::ownClient)
                .withInitializer(context -> context.addBeanFactoryPostProcessor(
                        new org.springframework.boot.LazyInitializationBeanFactoryPostProcessor()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    // Nothing asked for a token, yet the startup run happened while the context started.
                    assertThat(context.getBeanFactory().containsSingleton("cftokensTokens"))
                            .isTrue();
                    assertThat(context.getBeanNamesForType(
                                    ResolvableType.forClassWithGenerics(ProvisionedToken.class, ReadonlyToken.class)))
                            .containsExactly("cftokens.readonly-token");
                });
    }

    @Test
    void theHealthGoesDownWhenATokenIsDeletedBehindItsBackOnceTheIntervalIsOver() {
        runner().withConfiguration(AutoConfigurations.of(CftokensActuatorAutoConfiguration.class))
                .withBean(Cloudflare.class, this::ownClient)
                .withPropertyValues("cftokens.health.interval=0s")
                .run(context -> {
                    HealthIndicator health = context.getBean("cftokensHealthIndicator", HealthIndicator.class);
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                    String id = context.getBean(ProvisionedTokens.class)
                            .token("readonly-token")
                            .id();
                    ownClient().tokens(TokenOwner.ACCOUNT).delete(id);
                    Health down = health.health();
                    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(down.getDetails().get("tokens").toString())
                            .contains("readonly-token")
                            .contains("zone-token==");
                });
    }

    @Test
    void anInstanceWithOnlyTheAccountIdIsServedWhatAnotherAppliedAndSaysSo() {
        String[] applied = new String[2];
        runner().withBean(Cloudflare.class, this::ownClient).run(context -> {
            assertThat(context).hasNotFailed();
            applied[0] = context.getBean(ProvisionedTokens.class)
                    .token("readonly-token")
                    .id();
            applied[1] =
                    context.getBean(ProvisionedTokens.class).token("zone-token").id();
        });
        long writes = emulator.requestCount(dev.cftokens.emulator.RequestKind.CREATE_TOKEN);

        // Not given the zone token's input: it takes the value CI applied it with from the state.
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(CftokensAutoConfiguration.class, CftokensActuatorAutoConfiguration.class))
                .withPropertyValues(
                        "cftokens.state=" + directory.resolve("state.json"),
                        "cftokens.passphrase=auto-configuration test",
                        "cftokens.account-id=" + emulator.accountId(),
                        "cftokens.base-url=" + emulator.baseUrl(),
                        "cftokens.health.interval=0s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ProvisionedTokens tokens = context.getBean(ProvisionedTokens.class);
                    assertThat(tokens.mode()).isEqualTo(dev.cftokens.runtime.provision.ProvisioningMode.CONSUME);
                    assertThat(tokens.token("readonly-token").id()).isEqualTo(applied[0]);
                    assertThat(tokens.token("zone-token").id()).isEqualTo(applied[1]);
                    Health health = context.getBean("cftokensHealthIndicator", HealthIndicator.class)
                            .health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("mode", "consume");
                    assertThat(tokens.run().lines().get(0)).startsWith("Mode: consume");
                });
        assertThat(emulator.requestCount(dev.cftokens.emulator.RequestKind.CREATE_TOKEN))
                .isEqualTo(writes);
    }

    @Test
    void aMoveToAnotherTokenIsPublishedAndCountedAndTheTokensAreMetered() {
        List<TokenRotatedEvent> events = new CopyOnWriteArrayList<>();
        runner().withConfiguration(
                        AutoConfigurations.of(dev.cftokens.spring.metrics.CftokensMetricsAutoConfiguration.class))
                .withBean(Cloudflare.class, this::ownClient)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(ApplicationListener.class, () -> (ApplicationListener<TokenRotatedEvent>) events::add)
                .withPropertyValues("cftokens.refresh-interval=100ms")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBean(dev.cftokens.spring.metrics.CftokensMeters.class)
                            .bindTo(registry);
                    ProvisionedTokens tokens = context.getBean(ProvisionedTokens.class);
                    String before = tokens.token("readonly-token").id();
                    // The gauges answer from a reading of the state taken in the background: NaN until it is done.
                    io.micrometer.core.instrument.Gauge age = registry.get("cftokens.token.age")
                            .tag("declaration", "readonly-token")
                            .gauge();
                    long read =
                            System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
                    while (Double.isNaN(age.value()) && System.nanoTime() < read) {
                        Thread.sleep(20);
                    }
                    assertThat(age.value()).isGreaterThanOrEqualTo(0);

                    // Replaced elsewhere (here: destroyed and provisioned again through the same state).
                    Provisioning elsewhere = context.getBean(Provisioning.class);
                    elsewhere.destroy("readonly-token");
                    elsewhere.provision(tokens.provisioners().stream()
                            .filter(p -> p.declaration().id().equals("readonly-token"))
                            .findFirst()
                            .orElseThrow());

                    long deadline =
                            System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
                    while (events.isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertThat(events).hasSize(1);
                    assertThat(events.get(0).rotation().previousTokenId()).isEqualTo(before);
                    assertThat(events.get(0).rotation().tokenId())
                            .isEqualTo(tokens.token("readonly-token").id())
                            .isNotEqualTo(before);
                    assertThat(registry.get("cftokens.rotations")
                                    .tag("declaration", "readonly-token")
                                    .counter()
                                    .count())
                            .isEqualTo(1.0);
                    assertThat(registry.get("cftokens.refresh.failures")
                                    .tag("declaration", "readonly-token")
                                    .counter()
                                    .count())
                            .isZero();
                });
    }

    @Test
    void withinTheIntervalTheHealthIsNotCheckedAgain() {
        runner().withConfiguration(AutoConfigurations.of(CftokensActuatorAutoConfiguration.class))
                .withBean(Cloudflare.class, this::ownClient)
                .withPropertyValues("cftokens.health.interval=1h")
                .run(context -> {
                    HealthIndicator health = context.getBean("cftokensHealthIndicator", HealthIndicator.class);
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                    ownClient()
                            .tokens(TokenOwner.ACCOUNT)
                            .delete(context.getBean(ProvisionedTokens.class)
                                    .token("readonly-token")
                                    .id());
                    long requests = emulator.requestCount();
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                    assertThat(emulator.requestCount()).isEqualTo(requests);
                });
    }
}
