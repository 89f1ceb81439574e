package dev.cftokens.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.cftokens.processor.Diagnostics.assertSingleError;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Rotation}: ISO-8601 durations, every at least a minute, overlap in (0, every), no fixed expiresOn. */
class RotationDiagnosticsTest {
    private static final String POLICY =
            "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")";

    private static JavaFileObject rotating(String apiToken, String every, String overlap) {
        return Sources.acme(
                "RotatingToken",
                apiToken,
                POLICY,
                "@Rotation(",
                "    every = \"" + every + "\",",
                "    overlap = \"" + overlap + "\")",
                "public interface RotatingToken {}");
    }

    private static JavaFileObject rotating(String every, String overlap) {
        return rotating("@ApiToken(name = \"Rotating\")", every, overlap);
    }

    @Test
    void aValidRotationCompilesCleanlyAndReachesTheDeclaration() {
        Compilation compilation = Compilers.javac().compile(rotating("P30D", "PT36H"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("com.acme.RotatingTokenProvisioner")
                .contentsAsUtf8String()
                .contains("\"rotation\": {\"every\": \"P30D\", \"overlap\": \"PT36H\"}");
    }

    @Test
    void everyThatIsNotADurationIsAnErrorWithExamples() {
        assertSingleError(
                rotating("30 days", "P2D"),
                "[cftokens:invalid-duration] rotation every \"30 days\" is not an ISO-8601 duration; write one such"
                        + " as \"P30D\" (30 days)",
                "every =");
    }

    @Test
    void overlapInMonthsIsAnErrorOnOverlap() {
        assertSingleError(
                rotating("P90D", "P1M"),
                "[cftokens:invalid-duration] rotation overlap \"P1M\" is not an ISO-8601 duration",
                "overlap =");
    }

    @Test
    void everyShorterThanAMinuteIsAnError() {
        assertSingleError(
                rotating("PT30S", "PT10S"),
                "[cftokens:rotation-too-often] rotation every \"PT30S\" is shorter than one minute",
                "every =");
    }

    @Test
    void everyLongerThanAHundredYearsIsAnError() {
        assertSingleError(
                rotating("P36501D", "P2D"),
                "[cftokens:rotation-too-rare] rotation every \"P36501D\" is longer than 100 years",
                "every =");
    }

    @Test
    void overlapOfZeroIsAnError() {
        assertSingleError(
                rotating("P30D", "PT0S"),
                "[cftokens:overlap-not-positive] rotation overlap \"PT0S\" is not greater than zero",
                "overlap =");
    }

    @Test
    void negativeOverlapIsAnError() {
        assertSingleError(
                rotating("P30D", "-PT1H"),
                "[cftokens:overlap-not-positive] rotation overlap \"-PT1H\" is not greater than zero",
                "overlap =");
    }

    @Test
    void overlapAsLongAsEveryIsAnError() {
        assertSingleError(
                rotating("P7D", "PT168H"),
                "[cftokens:overlap-not-shorter] rotation overlap \"PT168H\" is not shorter than every \"P7D\"",
                "overlap =");
    }

    @Test
    void aFixedExpiresOnIsAnErrorThatSaysWhy() {
        assertSingleError(
                rotating("@ApiToken(name = \"Rotating\",\n    expiresOn = \"2030-12-31T23:59:59Z\")", "P30D", "P2D"),
                "[cftokens:rotation-with-expires-on] expiresOn \"2030-12-31T23:59:59Z\" cannot be combined with"
                        + " @Rotation: each generation of a rotating token gets its own expiry",
                "expiresOn =");
    }

    @Test
    void rotationWithoutApiTokenIsAnError() {
        assertSingleError(
                Sources.acme(
                        "Forgotten", "@Rotation(every = \"P30D\", overlap = \"P2D\")", "public interface Forgotten {}"),
                "[cftokens:missing-api-token] @Rotation on Forgotten has no effect without @ApiToken",
                "@Rotation");
    }
}
