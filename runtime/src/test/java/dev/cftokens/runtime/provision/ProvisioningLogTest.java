package dev.cftokens.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.runtime.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** What a plain Java application's log shows of provisioning, through java.util.logging. */
class ProvisioningLogTest {
    private static List<String> childLog(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoggingChild.class.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    @Test
    void onJavaUtilLoggingsDefaultsEachLineIsOneLineNamingTheLogger() throws Exception {
        assertThat(childLog())
                .hasSize(3)
                .satisfiesExactly(
                        first -> assertThat(first)
                                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d INFO dev.cftokens.provisioning:"
                                        + " \\+ create readonly-token"),
                        second ->
                                assertThat(second).endsWith(" INFO dev.cftokens.provisioning: = unchanged zone-token"),
                        third -> assertThat(third)
                                .endsWith(" WARNING dev.cftokens.provisioning: ! zone-token expired on"
                                        + " 2020-01-01T00:00:00Z"));
    }

    @Test
    void aConfiguredFormatIsTheApplicationsAndNamesTheLoggerNotTheCallingClass() throws Exception {
        assertThat(childLog("-Djava.util.logging.SimpleFormatter.format=%4$s|%2$s|%5$s%n"))
                .containsExactly(
                        "INFO|dev.cftokens.provisioning|+ create readonly-token",
                        "INFO|dev.cftokens.provisioning|= unchanged zone-token",
                        "WARNING|dev.cftokens.provisioning|! zone-token expired on 2020-01-01T00:00:00Z");
    }

    @Test
    void eachLineIsARecordOfItsOwn() {
        try (LogCapture log = new LogCapture(ProvisioningOutput.LOGGER_NAME)) {
            ProvisioningOutput.logger().line("+ create a\n+ create b");
            assertThat(log.records()).extracting(LogRecord::getMessage).containsExactly("+ create a", "+ create b");
            assertThat(log.records())
                    .extracting(LogRecord::getSourceClassName)
                    .containsOnly(ProvisioningOutput.LOGGER_NAME);
        }
    }
}
