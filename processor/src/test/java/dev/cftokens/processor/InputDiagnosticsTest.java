package dev.cftokens.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.cftokens.processor.Diagnostics.assertSingleError;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs: placeholders against the interface's no-argument {@code String} methods. */
class InputDiagnosticsTest {
    @Test
    void placeholderWithoutAMethodIsAnErrorOnTheKey() {
        assertSingleError(
                Sources.acme(
                        "ZoneToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\",",
                        "        resources = \"com.cloudflare.api.account.zone.{zoneId}\")",
                        "public interface ZoneToken {}"),
                "[cftokens:missing-input] resource key \"com.cloudflare.api.account.zone.{zoneId}\" uses {zoneId}, but the"
                        + " interface has no input for it; add the method `String zoneId();`",
                "{zoneId}");
    }

    @Test
    void methodNoPlaceholderUsesIsAnErrorOnTheMethod() {
        assertSingleError(
                Sources.acme(
                        "ZoneToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface ZoneToken {",
                        "  String zoneId();",
                        "}"),
                "[cftokens:unused-input] input zoneId() is not used by any resource key; use {zoneId} in a key",
                "String zoneId();");
    }

    @Test
    void methodWithParametersIsAnErrorOnTheMethod() {
        assertSingleError(
                Sources.acme(
                        "ZoneToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface ZoneToken {",
                        "  String zoneId(int index);",
                        "}"),
                "[cftokens:invalid-input-method] method java.lang.String zoneId(int) is not a token input",
                "zoneId(int index)");
    }

    @Test
    void methodReturningSomethingElseIsAnErrorOnTheMethod() {
        assertSingleError(
                Sources.acme(
                        "ZoneToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface ZoneToken {",
                        "  int zoneCount();",
                        "}"),
                "[cftokens:invalid-input-method] method int zoneCount() is not a token input",
                "int zoneCount();");
    }

    @Test
    void genericMethodIsAnErrorOnTheMethod() {
        assertSingleError(
                Sources.acme(
                        "ZoneToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface ZoneToken {",
                        "  <T extends CharSequence> String zoneId();",
                        "}"),
                "[cftokens:invalid-input-method] method <T> java.lang.String zoneId() is not a token input",
                "<T extends CharSequence>");
    }

    @Test
    void accountIsNotAnInputName() {
        assertSingleError(
                Sources.acme(
                        "AccountToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Account Settings Read\", resources = \"com.cloudflare.api.account.{account}\")",
                        "public interface AccountToken {",
                        "  String account();",
                        "}"),
                "[cftokens:reserved-input] input account() clashes with the placeholder {account}",
                "String account();");
    }

    @Test
    void defaultAndStaticMethodsAreLeftAlone() {
        Compilation compilation = Compilers.javac()
                .compile(Sources.acme(
                        "ZoneToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.{zoneId}\")",
                        "public interface ZoneToken {",
                        "  String zoneId();",
                        "  default int retries() { return 3; }",
                        "  static String describe() { return \"zone token\"; }",
                        "}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("com.acme.ZoneTokenProvisioner")
                .contentsAsUtf8String()
                .contains("public static ZoneTokenProvisioner create(String zoneId)");
    }

    @Test
    void inputsKeepMethodOrderAndInheritedMethodsCount() {
        Compilation compilation = Compilers.javac()
                .compile(
                        Sources.acme("BucketInputs", "public interface BucketInputs {", "  String bucket();", "}"),
                        Sources.acme(
                                "BucketToken",
                                "@ApiToken",
                                "@Policy(permissionGroups = \"Workers R2 Storage Bucket Item Write\",",
                                "        resources = \"com.cloudflare.edge.r2.bucket.{accountId}_{jurisdiction}_{bucket}\")",
                                "public interface BucketToken extends BucketInputs {",
                                "  String jurisdiction();",
                                "  String accountId();",
                                "}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("com.acme.BucketTokenProvisioner")
                .contentsAsUtf8String()
                .contains("create(String jurisdiction, String accountId,\n      String bucket)");
    }

    @Test
    void inputInheritedFromAGenericSuperinterfaceIsAStringOnceSubstituted() {
        Compilation compilation = Compilers.javac()
                .compile(
                        Sources.acme("HasZone", "public interface HasZone<T> { T zoneId(); }"),
                        Sources.acme(
                                "ZoneToken",
                                "@ApiToken",
                                "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.{zoneId}\")",
                                "public interface ZoneToken extends HasZone<String> {}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("com.acme.ZoneTokenProvisioner")
                .contentsAsUtf8String()
                .contains("create(String zoneId)");
    }

    @Test
    void inputInheritedFromAGenericSuperinterfaceWithANonStringArgumentIsRejected() {
        Compilation compilation = Compilers.javac()
                .compile(
                        Sources.acme("HasZone", "public interface HasZone<T> { T zoneId(); }"),
                        Sources.acme(
                                "ZoneToken",
                                "@ApiToken",
                                "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.{zoneId}\")",
                                "public interface ZoneToken extends HasZone<Integer> {}"));

        assertThat(compilation).hadErrorContaining("[cftokens:invalid-input-method]");
    }

    @Test
    void invalidInheritedMethodInThisCompilationIsReportedOnThatMethodNamingTheToken() {
        JavaFileObject counted = Sources.acme("Counted", "public interface Counted {", "  int count();", "}");

        Compilation compilation = Compilers.javac()
                .compile(
                        counted,
                        Sources.acme(
                                "ZoneToken",
                                "@ApiToken",
                                "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                                "public interface ZoneToken extends Counted {}"));

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(
                        "[cftokens:invalid-input-method] method int count() (inherited by com.acme.ZoneToken)")
                .inFile(counted)
                .onLineContaining("int count();");
    }

    @Test
    void invalidMethodInheritedFromAClassFileIsReportedOnTheInterfaceNamingItsDeclarer(@TempDir Path library)
            throws IOException {
        Compilation libraryCompilation =
                javac().compile(Sources.acme("Counted", "public interface Counted { int count(); }"));
        assertThat(libraryCompilation).succeeded();
        for (JavaFileObject classFile : libraryCompilation.generatedFiles()) {
            if (classFile.getKind() == JavaFileObject.Kind.CLASS) {
                Path target =
                        Files.createDirectories(library.resolve("com/acme")).resolve("Counted.class");
                try (InputStream in = classFile.openInputStream()) {
                    Files.copy(in, target);
                }
            }
        }
        List<File> classPath = new ArrayList<>(Compilers.classPath());
        classPath.add(library.toFile());
        JavaFileObject token = Sources.acme(
                "ZoneToken",
                "@ApiToken",
                "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                "public interface ZoneToken extends Counted {}");

        Compilation compilation = Compilers.javac().withClasspath(classPath).compile(token);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(
                        "[cftokens:invalid-input-method] method int count() (inherited from com.acme.Counted)")
                .inFile(token)
                .onLineContaining("public interface ZoneToken");
    }
}
