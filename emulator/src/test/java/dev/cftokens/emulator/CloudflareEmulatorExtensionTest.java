package dev.cftokens.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

@ExtendWith(CloudflareEmulatorExtension.class)
class CloudflareEmulatorExtensionTest {
    private static CloudflareEmulator fromBeforeAll;
    private final CloudflareEmulator fromConstructor;

    CloudflareEmulatorExtensionTest(CloudflareEmulator emulator) {
        this.fromConstructor = emulator;
    }

    @BeforeAll
    static void remember(CloudflareEmulator emulator) {
        fromBeforeAll = emulator;
    }

    @Test
    void injectsOneRunningEmulatorPerClass(CloudflareEmulator emulator) {
        assertThat(emulator).isSameAs(fromConstructor).isSameAs(fromBeforeAll);
        assertThat(ApiClient.admin(emulator).get("/user").status()).isEqualTo(200);
    }

    @Test
    void closesTheEmulatorAfterTheClass() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(SampleUsage.class))
                                .build(),
                        listener);

        assertThat(listener.getSummary().getTestsSucceededCount()).isEqualTo(2);
        assertThat(SampleUsage.used).isNotNull();
        assertThatThrownBy(() -> ApiClient.admin(SampleUsage.used).get("/user"))
                .as("nothing listens after the class is done")
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void registeredInstanceUsesItsOptions() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(ConfiguredUsage.class))
                                .build(),
                        listener);

        assertThat(listener.getSummary().getTestsSucceededCount()).isEqualTo(1);
    }

    @Test
    void freshPerTestGivesEachTestItsOwnEmulatorAndClosesIt() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(IsolatedUsage.class))
                                .build(),
                        listener);

        assertThat(listener.getSummary().getTestsSucceededCount()).isEqualTo(2);
        assertThat(IsolatedUsage.first).isNotNull().isNotSameAs(IsolatedUsage.second);
        assertThatThrownBy(() -> ApiClient.admin(IsolatedUsage.first).get("/user"))
                .as("closed after its test")
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void freshPerTestRefusesClassLevelInjection() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(MisusedPerTest.class))
                                .build(),
                        listener);

        assertThat(listener.getSummary().getTotalFailureCount()).isEqualTo(1);
        assertThat(listener.getSummary().getFailures().get(0).getException()).hasMessageContaining("@BeforeEach");
    }

    /** Run by the launcher above, not by Surefire (nested classes are not picked up on their own). */
    @ExtendWith(CloudflareEmulatorExtension.class)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class SampleUsage {
        static CloudflareEmulator used;

        @Test
        void first(CloudflareEmulator emulator) {
            used = emulator;
            ApiClient.admin(emulator)
                    .post("/accounts/" + emulator.accountId() + "/tokens", Bodies.zoneReader("shared"));
        }

        @Test
        void second(CloudflareEmulator emulator) {
            assertThat(emulator).isSameAs(used);
            assertThat(emulator.tokens()).hasSize(1);
        }
    }

    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class IsolatedUsage {
        @RegisterExtension
        static CloudflareEmulatorExtension cloudflare = CloudflareEmulatorExtension.freshPerTest();

        static CloudflareEmulator first;
        static CloudflareEmulator second;
        private CloudflareEmulator fromBeforeEach;

        @org.junit.jupiter.api.BeforeEach
        void remember(CloudflareEmulator emulator) {
            fromBeforeEach = emulator;
        }

        @Test
        void first(CloudflareEmulator emulator) {
            assertThat(emulator).isSameAs(fromBeforeEach);
            first = emulator;
            ApiClient.admin(emulator).post("/accounts/" + emulator.accountId() + "/tokens", Bodies.zoneReader("mine"));
        }

        @Test
        void second(CloudflareEmulator emulator) {
            second = emulator;
            assertThat(emulator.tokens())
                    .as("the first test's token is not here")
                    .isEmpty();
        }
    }

    static class MisusedPerTest {
        @RegisterExtension
        static CloudflareEmulatorExtension cloudflare = CloudflareEmulatorExtension.freshPerTest();

        @BeforeAll
        static void tooEarly(CloudflareEmulator emulator) {}

        @Test
        void never() {}
    }

    static class ConfiguredUsage {
        @RegisterExtension
        static CloudflareEmulatorExtension cloudflare = new CloudflareEmulatorExtension(EmulatorOptions.builder()
                .accountId("0123456789abcdef0123456789abcdef")
                .build());

        @Test
        void seesTheGivenAccount(CloudflareEmulator emulator) {
            assertThat(emulator.accountId()).isEqualTo("0123456789abcdef0123456789abcdef");
        }
    }
}
