package dev.cftokens.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.cftokens.processor.Diagnostics.assertSingleError;
import static dev.cftokens.processor.Diagnostics.assertSingleWarning;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Permission-group names: unknown (with and without "did you mean"), empty, duplicated, shared by scopes. */
class PermissionGroupDiagnosticsTest {
    @Test
    void unknownNameIsAnErrorOnThatStringWithTheClosestName() {
        assertSingleError(
                Sources.acme(
                        "RouteToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = {\"Zone Read\",",
                        "                            \"Worker Routes Edit\"},",
                        "        resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface RouteToken {}"),
                "[cftokens:unknown-permission-group] unknown permission group \"Worker Routes Edit\";"
                        + " did you mean \"Workers Routes Write\"?",
                "\"Worker Routes Edit\"");
    }

    @Test
    void caseAndPunctuationDifferencesSuggestTheApiName() {
        assertSingleError(
                Sources.acme(
                        "ZoneToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"zone read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface ZoneToken {}"),
                "unknown permission group \"zone read\"; did you mean \"Zone Read\"?",
                "\"zone read\"");
    }

    @Test
    void nothingIsSuggestedWhenNothingIsClose() {
        Compilation compilation = assertSingleError(
                Sources.acme(
                        "FruitToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Banana Split Deluxe\", resources = \"com.cloudflare.api.account\")",
                        "public interface FruitToken {}"),
                "unknown permission group \"Banana Split Deluxe\"; no group in the catalog (bundled permission-groups.json)"
                        + " has a similar name",
                "Banana Split Deluxe");
        assertThat(compilation).hadErrorContaining("dev.cftokens.annotations.PermissionGroups");
    }

    @Test
    void emptyPermissionGroupsIsAnError() {
        assertSingleError(
                Sources.acme(
                        "EmptyToken",
                        "@ApiToken",
                        "@Policy(resources = \"com.cloudflare.api.account\",",
                        "        permissionGroups = {})",
                        "public interface EmptyToken {}"),
                "[cftokens:empty-permission-groups] @Policy has no permission groups",
                "permissionGroups = {}");
    }

    @Test
    void duplicateNameIsAWarning() {
        assertSingleWarning(
                Sources.acme(
                        "TwiceToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = {\"Zone Read\",",
                        "                            \"Zone Read\"}, resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface TwiceToken {}"),
                "[cftokens:duplicate-permission-group] permission group \"Zone Read\" is listed twice",
                "\"Zone Read\"}");
    }

    @Test
    void sharedNameWithResourcesOfBothScopesListsTheIds() {
        assertSingleError(
                Sources.acme(
                        "LogsToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Logs Read\",",
                        "        resources = {\"com.cloudflare.api.account\", \"com.cloudflare.api.account.zone.*\"})",
                        "public interface LogsToken {}"),
                "[cftokens:ambiguous-permission-group] permission group \"Logs Read\" exists for several scopes and this"
                        + " policy has resources of each: account 6a315a56f18441e59ed03352369ae956,"
                        + " zone c4a30cd58c5d42619c86a3c36c441e2d",
                "\"Logs Read\"");
    }

    @Test
    void sharedNameWithResourcesOfNeitherScopeIsAScopeError() {
        assertSingleError(
                Sources.acme(
                        "EscToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = {\"Workers R2 Storage Bucket Item Read\",",
                        "                            \"Disable ESC Read\"},",
                        "        resources = \"com.cloudflare.edge.r2.bucket.{account}_default_{bucket}\")",
                        "public interface EscToken { String bucket(); }"),
                "[cftokens:scope-mismatch] permission group \"Disable ESC Read\" exists for account or zone resources,"
                        + " but this policy has none",
                "\"Disable ESC Read\"");
    }
}
