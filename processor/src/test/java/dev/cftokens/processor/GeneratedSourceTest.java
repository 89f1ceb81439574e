package dev.cftokens.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** The provisioners written for a few declarations, checked against golden files, and their index entries. */
class GeneratedSourceTest {
    private static void assertMatchesGoldenFile(Compilation compilation, String provisioner) {
        String actual = compilation
                .generatedSourceFile("com.acme." + provisioner)
                .map(GeneratedSourceTest::contents)
                .orElseThrow(() -> new AssertionError("no " + provisioner + " was generated"));
        org.assertj.core.api.Assertions.assertThat(actual).isEqualTo(GoldenFiles.expected(provisioner, actual));
    }

    private static String contents(JavaFileObject file) {
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void minimalDeclarationCompilesCleanlyAndWritesItsProvisioner() {
        Compilation compilation = Compilers.javac().compile(Sources.readonlyToken());

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGoldenFile(compilation, "ReadonlyTokenProvisioner");
    }

    @Test
    void writesAnIndexEntryNamingTheProvisioner() {
        Compilation compilation = Compilers.javac().compile(Sources.readonlyToken());

        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/cftokens/com.acme.ReadonlyTokenProvisioner")
                .contentsAsUtf8String()
                .isEqualTo("com.acme.ReadonlyTokenProvisioner\n");
    }

    @Test
    void inputsDatesAndRequestIpBecomeCode() {
        Compilation compilation = Compilers.javac().compile(Sources.restrictedToken());

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGoldenFile(compilation, "RestrictedTokenProvisioner");
    }

    @Test
    void rotationBecomesAFieldOfTheEmbeddedDeclaration() {
        Compilation compilation = Compilers.javac().compile(Sources.deployToken());

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGoldenFile(compilation, "DeployTokenProvisioner");
    }

    @Test
    void nestedInterfaceWithSharedNamesRepeatedPoliciesAndNesting() {
        Compilation compilation = Compilers.javac().compile(Sources.outerInner());

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGoldenFile(compilation, "Outer_InnerProvisioner");
        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/cftokens/com.acme.Outer_InnerProvisioner")
                .contentsAsUtf8String()
                .isEqualTo("com.acme.Outer_InnerProvisioner\n");
    }

    @Test
    void interfaceInTheUnnamedPackageGetsItsProvisionerThere() {
        Compilation compilation = Compilers.javac()
                .compile(JavaFileObjects.forSourceLines(
                        "BareToken",
                        "import dev.cftokens.annotations.*;",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface BareToken {}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/cftokens/BareTokenProvisioner")
                .contentsAsUtf8String()
                .isEqualTo("BareTokenProvisioner\n");
        assertThat(compilation)
                .generatedSourceFile("BareTokenProvisioner")
                .contentsAsUtf8String()
                .startsWith("import");
    }
}
