package dev.cftokens.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatorOptions;
import dev.cftokens.spring.app.TestApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Each failure a user can fix stops startup with Spring Boot's "APPLICATION FAILED TO START" report: what
 * failed, and the property or variable to set, never a secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalysisTest {
    static final CloudflareEmulator EMULATOR = CloudflareEmulator.start();
    static final String ZONE_INPUT = "cftokens.inputs.zone-token.zone-id=" + Emulators.ZONE_ID;

    @TempDir
    Path directory;

    @AfterAll
    static void stopEmulator() {
        EMULATOR.close();
    }

    @Test
    void noCredentials(CapturedOutput output) {
        assumeTrue(System.getenv("CLOUDFLARE_API_TOKEN") == null && System.getenv("CLOUDFLARE_API_KEY") == null);
        String report = failedStart(output, "cftokens.state=" + directory.resolve("state.json"), ZONE_INPUT);
        assertThat(report)
                .contains("No Cloudflare credentials")
                .contains("Set the CLOUDFLARE_API_TOKEN variable (or the cftokens.api-token property");
    }

    @Test
    void aMissingInputNamesThePropertyToSet(CapturedOutput output) {
        String report = failedStart(output, emulatorProperties(EMULATOR));
        assertThat(report)
                .contains("Input values are missing: token zone-token needs zoneId.")
                .contains("cftokens.inputs.zone-token.zoneId=<value>");
    }

    @Test
    void anInputTheDeclarationDoesNotHaveIsNamed(CapturedOutput output) {
        String report = failedStart(
                output, with(emulatorProperties(EMULATOR), ZONE_INPUT, "cftokens.inputs.zone-token.zone=1"));
        assertThat(report)
                .contains("Reason: Input properties cannot be used: cftokens.inputs.zone-token.zone sets no input of"
                        + " zone-token, whose inputs are zoneId.")
                .contains("remove the properties for inputs the declarations do not have");
    }

    @Test
    void anInputWhosePlaceholderNamesAnUnsetVariableNamesTheVariable(CapturedOutput output) {
        String variable = "CFTOKENS_TEST_UNSET_ZONE_ID";
        assumeTrue(System.getenv(variable) == null && System.getProperty(variable) == null);
        String report = failedStart(
                output, with(emulatorProperties(EMULATOR), "cftokens.inputs.zone-token.zone-id=${" + variable + "}"));
        assertThat(report)
                .contains("Reason: The variable " + variable + " is not set, so cftokens.inputs.zone-token.zone-id=${"
                        + variable + "} has no value.")
                .contains("export " + variable + "=<value>")
                .doesNotContain("holds a placeholder");
        // The report, not a stack trace: the whole of it is a few lines.
        assertThat(report.lines().count()).isLessThan(20);
    }

    @Test
    void anUnknownDeclarationIdListsTheKnownOnes(CapturedOutput output) {
        String report = failedStart(output, with(emulatorProperties(EMULATOR), "cftokens.declarations=readonly-tokn"));
        assertThat(report)
                .contains(
                        "cftokens.declarations names \"readonly-tokn\", which is not a declaration of this application")
                .contains("Use one of the declaration ids the application carries: readonly-token, zone-token");
    }

    @Test
    void inputsForAnUnknownDeclarationAreNamed(CapturedOutput output) {
        String report = failedStart(
                output, with(emulatorProperties(EMULATOR), ZONE_INPUT, "cftokens.inputs.zone-tokn.zone-id=1"));
        assertThat(report)
                .contains("cftokens.inputs.zone-tokn names \"zone-tokn\"")
                .contains("readonly-token, zone-token");
    }

    @Test
    void aPermissionGroupTheAccountDoesNotOfferIsNamed(CapturedOutput output) {
        PermissionGroupCatalog bundled = PermissionGroupCatalog.bundled();
        PermissionGroupCatalog withoutAnalytics = PermissionGroupCatalog.of(
                "without Analytics Read",
                bundled.groups().stream()
                        .filter(group -> !group.name().equals("Analytics Read"))
                        .toList());
        try (CloudflareEmulator narrow = CloudflareEmulator.start(
                EmulatorOptions.builder().catalog(withoutAnalytics).build())) {
            String report = failedStart(output, with(emulatorProperties(narrow), ZONE_INPUT));
            assertThat(report)
                    .contains("token readonly-token: permission group \"Analytics Read\"")
                    .contains("is not offered by this account any more")
                    .contains("Fix the declarations or the account as the reason says");
            assertThat(narrow.tokens()).isEmpty();
        }
    }

    @Test
    void anUnusableStateNamesCftokensState(CapturedOutput output) throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("file"), "not a directory");
        List<String> properties = new ArrayList<>(List.of(emulatorProperties(EMULATOR)));
        properties.removeIf(property -> property.startsWith("cftokens.state="));
        properties.add("cftokens.state=" + notADirectory.resolve("state.json"));
        properties.add(ZONE_INPUT);
        String report = failedStart(output, properties.toArray(new String[0]));
        assertThat(report).contains("Its state cannot be used").contains("Check cftokens.state (or CFTOKENS_STATE)");
    }

    @Test
    void credentialsCloudflareRefusesAreNamedButNotShown(CapturedOutput output) {
        String wrong = "wrongwrongwrongwrongwrongwrongwrongwrong";
        List<String> properties = new ArrayList<>(List.of(emulatorProperties(EMULATOR)));
        properties.removeIf(property -> property.startsWith("cftokens.api-token="));
        properties.add("cftokens.api-token=" + wrong);
        properties.add(ZONE_INPUT);
        String report = failedStart(output, properties.toArray(new String[0]));
        assertThat(report).contains("Cloudflare refused the credentials").doesNotContain(wrong);
        assertThat(output.getAll()).doesNotContain(wrong);
    }

    @Test
    void aSecondStateRefusesToRollAnotherStatesTokenUnlessAllowed(CapturedOutput output) {
        try (CloudflareEmulator own = CloudflareEmulator.start()) {
            String[] first = with(Emulators.of(own, directory.resolve("one/state.json")), ZONE_INPUT);
            new SpringApplicationBuilder(TestApplication.class)
                    .properties(first)
                    .run()
                    .close();
            String[] second = with(Emulators.of(own, directory.resolve("two/state.json")), ZONE_INPUT);
            String report = failedStart(output, second);
            assertThat(report)
                    .contains("did not create it and holds no value for it")
                    .contains("cftokens.roll-adopted=true in Spring Boot")
                    .contains("Fix the declarations or the account as the reason says");
            assertThat(own.tokens()).hasSize(2);
            new SpringApplicationBuilder(TestApplication.class)
                    .properties(with(second, "cftokens.roll-adopted=true"))
                    .run()
                    .close();
            assertThat(own.tokens()).hasSize(2);
        }
    }

    /** Starts the test application with {@code properties}, expects it to fail, and returns the report. */
    private String failedStart(CapturedOutput output, String... properties) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(TestApplication.class)
                        .properties(properties)
                        .run())
                .isInstanceOf(RuntimeException.class);
        String all = output.getAll();
        assertThat(all).contains("APPLICATION FAILED TO START");
        String report = all.substring(all.lastIndexOf("APPLICATION FAILED TO START"));
        assertThat(report)
                .contains("cftokens could not provision the application's Cloudflare tokens at startup.")
                .contains("Action:")
                .doesNotContain(EMULATOR.adminToken())
                .doesNotContain("correct horse battery staple");
        return report;
    }

    private String[] emulatorProperties(CloudflareEmulator emulator) {
        return Emulators.of(emulator, directory.resolve("state.json"));
    }

    private static String[] with(String[] properties, String... more) {
        String[] all = Arrays.copyOf(properties, properties.length + more.length);
        System.arraycopy(more, 0, all, properties.length, more.length);
        return all;
    }
}
