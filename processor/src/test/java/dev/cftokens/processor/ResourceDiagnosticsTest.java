package dev.cftokens.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.cftokens.processor.Diagnostics.assertSingleError;
import static dev.cftokens.processor.Diagnostics.assertSingleWarning;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Resource keys, nesting with {@code within}, and groups against the scopes of the keys. */
class ResourceDiagnosticsTest {
    @Test
    void keyOfAResourceTypeCloudflareDoesNotHaveIsAnError() {
        assertSingleError(
                Sources.acme(
                        "RouteToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Workers Routes Write\",",
                        "        resources = {\"com.cloudflare.api.account.zone.*\",",
                        "                     \"com.cloudflare.api.account.worker.route.*\"})",
                        "public interface RouteToken {}"),
                "[cftokens:invalid-resource-key] resource key \"com.cloudflare.api.account.worker.route.*\" is not a"
                        + " Cloudflare resource key: there is no resource type \"worker\" under an account",
                "worker.route");
    }

    @Test
    void zoneIdThatIsNotHexIsAnError() {
        assertSingleError(
                Sources.acme(
                        "XyzToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\",",
                        "        resources = \"com.cloudflare.api.account.zone.xyz\")",
                        "public interface XyzToken {}"),
                "[cftokens:invalid-resource-key] resource key \"com.cloudflare.api.account.zone.xyz\"",
                "zone.xyz");
    }

    @Test
    void emptyResourcesIsAnError() {
        assertSingleError(
                Sources.acme(
                        "NowhereToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\",",
                        "        resources = {})",
                        "public interface NowhereToken {}"),
                "[cftokens:empty-resources] @Policy has no resources",
                "resources = {}");
    }

    @Test
    void duplicateKeyIsAWarning() {
        assertSingleWarning(
                Sources.acme(
                        "TwiceToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\",",
                        "        resources = {\"com.cloudflare.api.account.zone.*\",",
                        "                     \"com.cloudflare.api.account.zone.*\"})",
                        "public interface TwiceToken {}"),
                "[cftokens:duplicate-resource] resource \"com.cloudflare.api.account.zone.*\" is listed twice",
                "\"com.cloudflare.api.account.zone.*\"})");
    }

    @Test
    void withinAZoneKeyIsAnErrorOnWithin() {
        assertSingleError(
                Sources.acme(
                        "NestToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\",",
                        "        within = \"com.cloudflare.api.account.zone.*\",",
                        "        resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface NestToken {}"),
                "[cftokens:invalid-within] \"com.cloudflare.api.account.zone.*\" is a zone key and cannot hold nested keys",
                "within =");
    }

    @Test
    void accountKeyNestedInAnAccountIsAnErrorOnTheNestedKey() {
        assertSingleError(
                Sources.acme(
                        "NestToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Account Settings Read\",",
                        "        within = \"com.cloudflare.api.account\",",
                        "        resources = \"com.cloudflare.api.account.*\")",
                        "public interface NestToken {}"),
                "[cftokens:invalid-within] \"com.cloudflare.api.account.*\" is an account key and cannot be nested",
                "resources =");
    }

    @Test
    void allBucketsOnlyNestedUnderAnAccount() {
        assertSingleError(
                Sources.acme(
                        "BucketToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Workers R2 Storage Bucket Item Read\",",
                        "        resources = \"com.cloudflare.edge.r2.bucket.*\")",
                        "public interface BucketToken {}"),
                "[cftokens:invalid-resource-key] \"com.cloudflare.edge.r2.bucket.*\" means all R2 buckets of one account",
                "bucket.*");
    }

    @Test
    void allBucketsNestedUnderTheAccountCompiles() {
        Compilation compilation = Compilers.javac()
                .compile(Sources.acme(
                        "BucketToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Workers R2 Storage Bucket Item Read\",",
                        "        within = \"com.cloudflare.api.account\", resources = \"com.cloudflare.edge.r2.bucket.*\")",
                        "public interface BucketToken {}"));

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void groupWithoutAResourceOfItsScopeIsAnErrorOnTheGroup() {
        assertSingleError(
                Sources.acme(
                        "MixedToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = {\"Account Settings Read\",",
                        "                            \"Zone Read\"},",
                        "        resources = \"com.cloudflare.api.account\")",
                        "public interface MixedToken {}"),
                "[cftokens:scope-mismatch] permission group \"Zone Read\"",
                "\"Zone Read\"}");
    }

    @Test
    void keyWithoutAGroupOfItsScopeIsAnErrorOnTheKey() {
        assertSingleError(
                Sources.acme(
                        "MixedToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\",",
                        "        resources = {\"com.cloudflare.api.account.zone.*\",",
                        "                     \"com.cloudflare.api.account\"})",
                        "public interface MixedToken {}"),
                "[cftokens:scope-mismatch] ",
                "\"com.cloudflare.api.account\"})");
    }

    @Test
    void errorInTheSecondOfRepeatedPoliciesIsOnItsValue() {
        assertSingleError(
                Sources.acme(
                        "TwoPolicies",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "@Policy(permissionGroups = \"Account Settings Read\",",
                        "        resources = \"com.cloudflare.api.acount\")",
                        "public interface TwoPolicies {}"),
                "[cftokens:invalid-resource-key] resource key \"com.cloudflare.api.acount\"",
                "api.acount");
    }

    @Test
    void errorOnAnArrayElementOfARepeatedPolicyIsOnThatElement() {
        assertSingleError(
                Sources.acme(
                        "TwoPolicies",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "@Policy(permissionGroups = {\"Account Settings Read\",",
                        "                            \"Acount Settings Write\"},",
                        "        resources = \"com.cloudflare.api.account\")",
                        "public interface TwoPolicies {}"),
                "unknown permission group \"Acount Settings Write\"; did you mean \"Account Settings Write\"?",
                "\"Acount Settings Write\"");
    }
}
