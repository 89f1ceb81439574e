package dev.cftokens.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** The provisioners written for a few declarations, checked against golden files, and their index entries. */
class GeneratedSourceTest {
  @Test
  void minimalDeclarationCompilesCleanlyAndWritesItsProvisioner() {
    Compilation compilation = Compilers.javac().compile(Sources.readonlyToken());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.acme.ReadonlyTokenProvisioner")
        .contentsAsUtf8String()
        .isEqualTo(GoldenFiles.read("ReadonlyTokenProvisioner"));
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
    assertThat(compilation)
        .generatedSourceFile("com.acme.RestrictedTokenProvisioner")
        .contentsAsUtf8String()
        .isEqualTo(GoldenFiles.read("RestrictedTokenProvisioner"));
  }

  @Test
  void nestedInterfaceWithSharedNamesRepeatedPoliciesAndNesting() {
    Compilation compilation = Compilers.javac().compile(Sources.acme("Outer",
        "public class Outer {",
        "  @ApiToken(id = \"logs\", owner = Owner.ACCOUNT)",
        "  @Policy(permissionGroups = {\"Logs Read\", \"Account Settings Read\"},",
        "          resources = \"com.cloudflare.api.account\")",
        "  @Policy(effect = Effect.DENY, permissionGroups = {\"Logs Write\", \"DNS Write\"},",
        "          within = \"com.cloudflare.api.account.{account}\",",
        "          resources = {\"com.cloudflare.api.account.zone.{zone}\",",
        "                       \"com.cloudflare.api.account.zone.0123456789abcdef0123456789abcdef\"})",
        "  public interface Inner { String zone(); }",
        "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.acme.Outer_InnerProvisioner")
        .contentsAsUtf8String()
        .isEqualTo(GoldenFiles.read("Outer_InnerProvisioner"));
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/cftokens/com.acme.Outer_InnerProvisioner")
        .contentsAsUtf8String()
        .isEqualTo("com.acme.Outer_InnerProvisioner\n");
  }
}
