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
