package dev.cftokens.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor under the Eclipse compiler, which Eclipse and many IDE users build with: it must write
 * the same provisioner and put its errors on the same lines as under javac.
 */
class EclipseCompilerTest {
    @TempDir
    Path directory;

    @Test
    void minimalDeclarationCompilesAndGeneratesItsProvisioner() {
        DiskCompiler.Result result =
                DiskCompiler.ecj().compile(directory, List.of(DiskCompiler.Source.of(Sources.readonlyToken())));

        assertThat(result.diagnostics())
                .as("diagnostics")
                .filteredOn(d -> d.getKind() != Diagnostic.Kind.NOTE)
                .isEmpty();
        assertThat(result.success()).isTrue();
        assertThat(result.generatedSource("com.acme.ReadonlyTokenProvisioner"))
                .contains(GoldenFiles.read("ReadonlyTokenProvisioner"));
        assertThat(result.classOutputFile("META-INF/cftokens/com.acme.ReadonlyTokenProvisioner"))
                .contains("com.acme.ReadonlyTokenProvisioner\n");
        assertThat(result.classOutput().resolve("com/acme/ReadonlyTokenProvisioner.class"))
                .exists();
    }

    @Test
    void inputsDatesAndRequestIpGenerateTheSameSourceAsUnderJavac() {
        DiskCompiler.Result result =
                DiskCompiler.ecj().compile(directory, List.of(DiskCompiler.Source.of(Sources.restrictedToken())));

        assertThat(result.success()).as("%s", result.diagnostics()).isTrue();
        assertThat(result.generatedSource("com.acme.RestrictedTokenProvisioner"))
                .contains(GoldenFiles.read("RestrictedTokenProvisioner"));
    }

    @Test
    void nestedInterfaceWithRepeatedPoliciesGeneratesTheSameSourceAsUnderJavac() {
        DiskCompiler.Result result =
                DiskCompiler.ecj().compile(directory, List.of(DiskCompiler.Source.of(Sources.outerInner())));

        assertThat(result.success()).as("%s", result.diagnostics()).isTrue();
        assertThat(result.generatedSource("com.acme.Outer_InnerProvisioner"))
                .contains(GoldenFiles.read("Outer_InnerProvisioner"));
    }

    @Test
    void warningsReachEcjToo() {
        DiskCompiler.Result result = DiskCompiler.ecj()
                .compile(
                        directory,
                        List.of(DiskCompiler.Source.of(Sources.acme(
                                "OldToken",
                                "@ApiToken(expiresOn = \"2024-12-31T23:59:59Z\")",
                                "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                                "public interface OldToken {}"))));

        assertThat(result.success()).isTrue();
        assertThat(result.ofKind(Diagnostic.Kind.WARNING))
                .singleElement()
                .satisfies(
                        warning -> assertThat(warning.getMessage(Locale.ROOT)).contains("[cftokens:already-expired]"));
        assertThat(result.generatedSource("com.acme.OldTokenProvisioner")).isPresent();
    }

    @Test
    void unknownPermissionGroupIsAnErrorOnItsLine() {
        JavaFileObject source = Sources.acme(
                "RouteToken",
                "@ApiToken",
                "@Policy(",
                "    permissionGroups = {\"Zone Read\", \"Worker Routes Edit\"},",
                "    resources = \"com.cloudflare.api.account.zone.*\")",
                "public interface RouteToken {}");

        DiskCompiler.Result result = DiskCompiler.ecj().compile(directory, List.of(DiskCompiler.Source.of(source)));

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).hasSize(1);
        Diagnostic<? extends JavaFileObject> error = result.errors().get(0);
        assertThat(error.getMessage(Locale.ROOT))
                .contains("[cftokens:unknown-permission-group] unknown permission group \"Worker Routes Edit\";"
                        + " did you mean \"Workers Routes Write\"?");
        assertThat(error.getSource().getName()).endsWith("RouteToken.java");
        // ecj can point at an attribute but not at one element of its array: the line of permissionGroups.
        assertThat(error.getLineNumber()).isEqualTo(6);
        assertThat(result.generatedSources()).isEmpty();
    }

    @Test
    void repeatedPolicyErrorIsOnTheRepeatedAnnotation() {
        JavaFileObject source = Sources.acme(
                "LogsToken",
                "@ApiToken",
                "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                "@Policy(resources = \"com.cloudflare.api.account\",",
                "        permissionGroups = \"Logz Read\")",
                "public interface LogsToken {}");

        DiskCompiler.Result result = DiskCompiler.ecj().compile(directory, List.of(DiskCompiler.Source.of(source)));

        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().get(0).getMessage(Locale.ROOT)).contains("did you mean \"Logs Read\"?");
        // On the attribute of the second @Policy, not on the interface (line 8).
        assertThat(result.errors().get(0).getLineNumber()).isEqualTo(7);
    }
}
