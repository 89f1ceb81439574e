package dev.cftokens.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.cftokens.processor.Diagnostics.assertSingleError;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The token itself: where @ApiToken may go, its id, name, owner, and @Policy/@RequestIp without it. */
class TokenDiagnosticsTest {
    private static final String POLICY =
            "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")";

    @Test
    void onAClassIsAnError() {
        assertSingleError(
                Sources.acme("ClassToken", "@ApiToken", POLICY, "public abstract class ClassToken {}"),
                "[cftokens:not-an-interface] @ApiToken goes on an interface, but com.acme.ClassToken is a class",
                "@ApiToken");
    }

    @Test
    void onARecordIsAnError() {
        assertSingleError(
                Sources.acme("RecordToken", "@ApiToken", POLICY, "public record RecordToken(String zoneId) {}"),
                "com.acme.RecordToken is a record",
                "@ApiToken");
    }

    @Test
    void onAPrivateNestedInterfaceIsAnError() {
        assertSingleError(
                Sources.acme(
                        "Outer",
                        "public class Outer {",
                        "  @ApiToken",
                        "  " + POLICY,
                        "  private interface Hidden {}",
                        "}"),
                "[cftokens:private-interface] @ApiToken interface com.acme.Outer.Hidden is private",
                "@ApiToken");
    }

    @Test
    void onALocalInterfaceNothingIsGeneratedSinceJavacNeverShowsLocalTypesToProcessors() {
        // Processors run before javac looks inside method bodies, so a local declaration cannot even be
        // reported; the README says to declare tokens as top-level or nested interfaces.
        Compilation compilation = Compilers.javac()
                .compile(
                        Sources.readonlyToken(),
                        Sources.acme(
                                "Holder",
                                "public class Holder {",
                                "  void method() {",
                                "    @ApiToken",
                                "    @Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                                "    interface LocalToken {}",
                                "  }",
                                "}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("com.acme.ReadonlyTokenProvisioner")
                .isNotNull();
        org.assertj.core.api.Assertions.assertThat(compilation.generatedSourceFiles())
                .hasSize(1);
    }

    @Test
    void onAGenericInterfaceIsAnError() {
        assertSingleError(
                Sources.acme("GenericToken", "@ApiToken", POLICY, "public interface GenericToken<T> {}"),
                "[cftokens:generic-interface] @ApiToken interface GenericToken has type parameters; a token type cannot"
                        + " be generic, remove <T>",
                "@ApiToken");
    }

    @Test
    void withoutAnyPolicyIsAnError() {
        assertSingleError(
                Sources.acme("BareToken", "@ApiToken(name = \"Bare\")", "public interface BareToken {}"),
                "[cftokens:missing-policy] @ApiToken BareToken has no @Policy",
                "@ApiToken");
    }

    @Test
    void policyWithoutApiTokenIsAnError() {
        assertSingleError(
                Sources.acme("Forgotten", POLICY, "public interface Forgotten {}"),
                "[cftokens:missing-api-token] @Policy on Forgotten has no effect without @ApiToken",
                "@Policy");
    }

    @Test
    void requestIpWithoutApiTokenIsAnError() {
        assertSingleError(
                Sources.acme("Forgotten", "@RequestIp(in = \"192.0.2.0/24\")", "public interface Forgotten {}"),
                "[cftokens:missing-api-token] @RequestIp on Forgotten has no effect without @ApiToken",
                "@RequestIp");
    }

    @Test
    void blankNameIsAnError() {
        assertSingleError(
                Sources.acme(
                        "BlankToken", "@ApiToken(", "    name = \"   \")", POLICY, "public interface BlankToken {}"),
                "[cftokens:invalid-name] token name \"   \" is blank",
                "name =");
    }

    @Test
    void nameOver120CharactersIsAnError() {
        String name = "x".repeat(121);
        assertSingleError(
                Sources.acme(
                        "LongToken",
                        "@ApiToken(",
                        "    name = \"" + name + "\")",
                        POLICY,
                        "public interface LongToken {}"),
                "[cftokens:invalid-name] token name \"" + name + "\" has 121 characters; Cloudflare allows at most 120",
                "name =");
    }

    @Test
    void defaultNameIsTheIdAndDefaultIdTheKebabCaseName() {
        Compilation compilation = Compilers.javac()
                .compile(Sources.acme(
                        "R2StorageAPIToken", "@ApiToken", POLICY, "public interface R2StorageAPIToken {}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("com.acme.R2StorageAPITokenProvisioner")
                .contentsAsUtf8String()
                .contains("\"id\": \"r2-storage-api-token\",\n          \"name\": \"r2-storage-api-token\",");
    }

    @Test
    void idNotInKebabCaseIsAnError() {
        assertSingleError(
                Sources.acme(
                        "CamelToken",
                        "@ApiToken(",
                        "    id = \"Camel_Token\")",
                        POLICY,
                        "public interface CamelToken {}"),
                "[cftokens:invalid-id] token id \"Camel_Token\" is not kebab case",
                "id =");
    }

    @Test
    void defaultIdFromANonAsciiNameSaysToSetTheIdAndSuggestsOne() {
        assertSingleError(
                Sources.acme("\u00dcberToken", "@ApiToken", POLICY, "public interface \u00dcberToken {}"),
                "[cftokens:invalid-id] the default id \"\u00fcber-token\", derived from the name \u00dcberToken, is not a"
                        + " valid token id (lowercase ASCII letters and digits in words joined by single hyphens);"
                        + " set one with @ApiToken(id = \"uber-token\")",
                "@ApiToken");
    }

    @Test
    void secondDeclarationOfAnIdIsTheError() {
        JavaFileObject first =
                Sources.acme("FirstToken", "@ApiToken(id = \"deploy\")", POLICY, "public interface FirstToken {}");
        JavaFileObject second = Sources.acme(
                "SecondToken", "@ApiToken(", "    id = \"deploy\")", POLICY, "public interface SecondToken {}");

        Compilation compilation = Compilers.javac().compile(first, second);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(
                        "[cftokens:duplicate-id] token id \"deploy\" is already used by com.acme.FirstToken")
                .inFile(second)
                .onLineContaining("id =");
    }

    @Test
    void defaultIdsOfNestedInterfacesCanCollide() {
        JavaFileObject source = Sources.acme(
                "Tokens",
                "public class Tokens {",
                "  public static class Staging {",
                "    @ApiToken " + POLICY,
                "    public interface Deploy {}",
                "  }",
                "  public static class Production {",
                "    @ApiToken(name = \"prod\") " + POLICY,
                "    public interface Deploy {}",
                "  }",
                "}");

        Compilation compilation = Compilers.javac().compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("token id \"deploy\" is already used by com.acme.Tokens.Staging.Deploy")
                .inFile(source)
                .onLineContaining("name = \"prod\"");
    }

    @Test
    void userOwnedTokenWithAnAccountGroupIsAnErrorOnTheGroup() {
        assertSingleError(
                Sources.acme(
                        "UserToken",
                        "@ApiToken(owner = Owner.USER)",
                        "@Policy(permissionGroups = {\"API Tokens Read\",",
                        "                            \"Zone Read\"},",
                        "        resources = \"com.cloudflare.api.user.{userTag}\")",
                        "public interface UserToken { String userTag(); }"),
                "[cftokens:owner-mismatch] permission group \"Zone Read\" is not user-scoped, but the token is owned by"
                        + " the user",
                "\"Zone Read\"}");
    }

    @Test
    void userOwnedTokenOnAnAccountKeyIsAnErrorOnTheKey() {
        assertSingleError(
                Sources.acme(
                        "UserToken",
                        "@ApiToken(owner = Owner.USER)",
                        "@Policy(permissionGroups = \"API Tokens Read\",",
                        "        resources = \"com.cloudflare.api.account\")",
                        "public interface UserToken {}"),
                "[cftokens:owner-mismatch] resource \"com.cloudflare.api.account\" is not the user key, but the token"
                        + " is owned by the user (owner = USER); user-owned tokens grant only on"
                        + " \"com.cloudflare.api.user.{userTag}\" or a 32-hex user tag",
                "resources =");
    }

    @Test
    void accountOwnedTokenWithAUserGroupIsAnErrorOnTheGroup() {
        assertSingleError(
                Sources.acme(
                        "AccountToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Memberships Read\",",
                        "        resources = \"com.cloudflare.api.user.0123456789abcdef0123456789abcdef\")",
                        "public interface AccountToken {}"),
                "[cftokens:owner-mismatch] permission group \"Memberships Read\" is user-scoped, but the token is owned"
                        + " by the account; add owner = Owner.USER",
                "\"Memberships Read\"");
    }

    @Test
    void userOwnedTokenWithUserGroupsOnTheUserKeyCompiles() {
        Compilation compilation = Compilers.javac()
                .compile(Sources.acme(
                        "UserToken",
                        "@ApiToken(owner = Owner.USER)",
                        "@Policy(permissionGroups = {\"API Tokens Read\", \"User Details Read\"},",
                        "        resources = \"com.cloudflare.api.user.{userTag}\")",
                        "public interface UserToken { String userTag(); }"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("com.acme.UserTokenProvisioner")
                .contentsAsUtf8String()
                .contains("\"owner\": \"user\",");
    }
}
