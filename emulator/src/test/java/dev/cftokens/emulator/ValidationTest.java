package dev.cftokens.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each of Cloudflare's body rules, one failing request per rule: 400, code 1001, the field and the value named. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CloudflareEmulatorExtension.class)
class ValidationTest {
    private static final String R2_BUCKET_ITEM_READ = "6a018a9f2fc74eb6b293b0c548f38b39";

    private CloudflareEmulator emulator;
    private ApiClient admin;
    private String tokens;
    private String account;

    @BeforeAll
    void start(CloudflareEmulator emulator) {
        this.emulator = emulator;
        admin = ApiClient.admin(emulator);
        tokens = "/accounts/" + emulator.accountId() + "/tokens";
        account = "com.cloudflare.api.account." + emulator.accountId();
    }

    private ApiClient.Response rejected(String body, String... fragments) {
        ApiClient.Response response = admin.post(tokens, body);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.success()).isFalse();
        assertThat(response.result().isNull()).isTrue();
        assertThat(response.body().path("errors"))
                .allSatisfy(e -> assertThat(e.path("code").asInt()).isEqualTo(1001));
        assertThat(response.errorMessages()).contains(fragments);
        assertThat(emulator.tokens()).isEmpty();
        return response;
    }

    private static String zonePolicies() {
        return "\"policies\": [" + Bodies.policy("allow", Bodies.ZONE_READ, "com.cloudflare.api.account.zone.*") + "]";
    }

    @Test
    void nameIsRequired() {
        rejected("{" + zonePolicies() + "}", "name is required");
    }

    @Test
    void nameMustBeAString() {
        rejected("{\"name\": 42, " + zonePolicies() + "}", "name must be a string", "42");
    }

    @Test
    void nameOfMoreThan120CharactersIsRejected() {
        String name = "n".repeat(121);
        rejected("{\"name\": \"" + name + "\", " + zonePolicies() + "}", "name", name, "120");
    }

    @Test
    void nameOf120CharactersIsAccepted() {
        ApiClient.Response response =
                admin.post(tokens, "{\"name\": \"" + "n".repeat(120) + "\", " + zonePolicies() + "}");
        assertThat(response.status()).isEqualTo(200);
        admin.delete(tokens + "/" + response.result().path("id").asText());
    }

    @Test
    void blankNameIsRejected() {
        rejected("{\"name\": \"  \", " + zonePolicies() + "}", "name", "blank");
    }

    @Test
    void policiesAreRequired() {
        rejected("{\"name\": \"x\"}", "policies is required");
    }

    @Test
    void policiesMustNotBeEmpty() {
        rejected("{\"name\": \"x\", \"policies\": []}", "policies must be a non-empty list");
    }

    @Test
    void effectMustBeAllowOrDeny() {
        rejected(Bodies.zoneReader("x").replace("\"allow\"", "\"permit\""), "policies[0].effect", "\"permit\"");
    }

    @Test
    void effectIsRequired() {
        rejected(Bodies.zoneReader("x").replace("\"effect\": \"allow\", ", ""), "policies[0].effect is required");
    }

    @Test
    void permissionGroupsMustBeGiven() {
        rejected(
                "{\"name\": \"x\", \"policies\": [{\"effect\": \"allow\", \"permission_groups\": [], "
                        + "\"resources\": {\"com.cloudflare.api.account.zone.*\": \"*\"}}]}",
                "policies[0].permission_groups");
    }

    @Test
    void permissionGroupMustFitTheScopeOfItsResources() {
        rejected(Bodies.token("x", Bodies.ZONE_READ, account), "policies[0]", "Zone Read", account);
    }

    @Test
    void resourceKeyMustFollowTheGrammar() {
        rejected(
                Bodies.token("x", Bodies.ZONE_READ, "com.cloudflare.api.account.worker.route.*"),
                "policies[0].resources[\"com.cloudflare.api.account.worker.route.*\"]");
    }

    @Test
    void resourceValueMustBeAStarOrNestedKeys() {
        rejected(
                Bodies.zoneReader("x")
                        .replace(
                                "\"com.cloudflare.api.account.zone.*\": \"*\"",
                                "\"com.cloudflare.api.account.zone.*\": \"read\""),
                "must be \"*\"",
                "\"read\"");
    }

    @Test
    void nestedKeysMustBeZoneOrBucketKeysUnderOneAccount() {
        rejected(
                "{\"name\": \"x\", \"policies\": [{\"effect\": \"allow\", \"permission_groups\": [{\"id\": \""
                        + Bodies.ZONE_READ + "\"}], \"resources\": {\"com.cloudflare.api.account.zone.*\": "
                        + "{\"com.cloudflare.api.account.zone.0123456789abcdef0123456789abcdef\": \"*\"}}}]}",
                "com.cloudflare.api.account.zone.*",
                "nested");
    }

    @Test
    void nestedZoneKeysCountAsZoneResources() {
        ApiClient.Response response = admin.post(
                tokens,
                "{\"name\": \"nested\", \"policies\": [{\"effect\": \"allow\", "
                        + "\"permission_groups\": [{\"id\": \"" + Bodies.ZONE_READ + "\"}], \"resources\": {\""
                        + account
                        + "\": {\"com.cloudflare.api.account.zone.*\": \"*\"}}}]}");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        admin.delete(tokens + "/" + response.result().path("id").asText());
    }

    @Test
    void otherAccountsFailTheCommonPermissionCheck() {
        String other = "com.cloudflare.api.account.0123456789abcdef0123456789abcdef";
        rejected(
                Bodies.token("x", Bodies.ACCOUNT_API_TOKENS_READ, other),
                "Failed common permission check against resources",
                "0123456789abcdef0123456789abcdef");
    }

    @Test
    void accountOwnedTokensCannotHoldUserResources() {
        rejected(
                Bodies.token("x", Bodies.API_TOKENS_READ, "com.cloudflare.api.user." + emulator.userId()),
                "Failed common permission check against resources",
                "account-owned tokens cannot be granted user resources");
    }

    @Test
    void userTokensOnlyForTheUser() {
        ApiClient.Response response = admin.post(
                "/user/tokens",
                Bodies.token("x", Bodies.API_TOKENS_READ, "com.cloudflare.api.user.0123456789abcdef0123456789abcdef"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessage())
                .contains("Failed common permission check", "0123456789abcdef0123456789abcdef");
    }

    @Test
    void policyIdOnCreateIsRefusedWithCloudflaresMessage() {
        rejected(
                "{\"name\": \"x\", \"policies\": [{\"id\": \"f267e341f3dd4697bd3b9f71dd96247f\", \"effect\": \"allow\", "
                        + "\"permission_groups\": [{\"id\": \"" + Bodies.ZONE_READ + "\"}], "
                        + "\"resources\": {\"com.cloudflare.api.account.zone.*\": \"*\"}}]}",
                "Reusing existing policies is not supported by token creation",
                "f267e341f3dd4697bd3b9f71dd96247f");
    }

    @Test
    void cidrsMustBeValid() {
        rejected(
                "{\"name\": \"x\", " + zonePolicies()
                        + ", \"condition\": {\"request_ip\": {\"in\": [\"192.0.2.5/24\"]}}}",
                "condition.request_ip.in[0]",
                "192.0.2.5/24");
        rejected(
                "{\"name\": \"x\", " + zonePolicies()
                        + ", \"condition\": {\"request_ip\": {\"not_in\": [\"300.1.1.1/32\"]}}}",
                "condition.request_ip.not_in[0]",
                "300.1.1.1/32");
    }

    @Test
    void unknownConditionsAreRejected() {
        rejected(
                "{\"name\": \"x\", " + zonePolicies() + ", \"condition\": {\"request_country\": {}}}",
                "condition.request_country");
    }

    @Test
    void timestampsMustBeUtcWithZ() {
        rejected(
                "{\"name\": \"x\", " + zonePolicies() + ", \"expires_on\": \"2030-01-01T00:00:00+01:00\"}",
                "expires_on",
                "2030-01-01T00:00:00+01:00");
        rejected(
                "{\"name\": \"x\", " + zonePolicies() + ", \"not_before\": \"2030-02-30T00:00:00Z\"}",
                "not_before",
                "2030-02-30T00:00:00Z");
    }

    @Test
    void notBeforeAfterExpiresOnIsRejected() {
        rejected(
                "{\"name\": \"x\", " + zonePolicies() + ", \"not_before\": \"2031-01-01T00:00:00Z\", "
                        + "\"expires_on\": \"2030-01-01T00:00:00Z\"}",
                "expires_on",
                "2030-01-01T00:00:00Z",
                "2031-01-01T00:00:00Z");
    }

    @Test
    void malformedJsonIsA400() {
        rejected("{\"name\": ", "not valid JSON");
    }

    @Test
    void bodiesNestedDeeperThanAThousandLevelsAreA400() {
        String deep = "[".repeat(1001) + "]".repeat(1001);

        rejected("{\"name\": \"deep\", \"policies\": " + deep + "}", "not acceptable JSON", "1000");
    }

    @Test
    void numbersLongerThanAThousandDigitsAreA400() {
        rejected("{\"name\": " + "9".repeat(1001) + ", " + zonePolicies() + "}", "not acceptable JSON", "1000");
    }

    @Test
    void bodyMustBeAnObject() {
        rejected("[1, 2]", "JSON object");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ApiClient.Response response = rejected(
                "{\"name\": \"" + "n".repeat(121) + "\", \"policies\": [{\"effect\": \"maybe\", "
                        + "\"permission_groups\": [{\"id\": \"00000000000000000000000000000000\"}], "
                        + "\"resources\": {\"com.cloudflare.api.account.zone.*\": \"*\"}}]}",
                "name",
                "effect",
                "00000000000000000000000000000000");
        assertThat(response.body().path("errors").size()).isEqualTo(3);
    }

    @Test
    void updateValidatesLikeCreateAndReadsStatus() {
        String id =
                admin.post(tokens, Bodies.zoneReader("ok")).result().path("id").asText();

        ApiClient.Response response = admin.put(
                tokens + "/" + id, Bodies.zoneReader("ok").replace("{\"name\"", "{\"status\": \"paused\", \"name\""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessage()).contains("status", "\"paused\"");
        admin.delete(tokens + "/" + id);
    }

    @Test
    void bucketsOfOtherAccountsFailTheCommonPermissionCheck() {
        String bucket = "com.cloudflare.edge.r2.bucket.0123456789abcdef0123456789abcdef_default_photos";
        rejected(Bodies.token("x", R2_BUCKET_ITEM_READ, bucket), "Failed common permission check", bucket);
    }

    @Test
    void bucketsOfTheAccountAreAccepted() {
        String bucket = "com.cloudflare.edge.r2.bucket." + emulator.accountId() + "_eu_photos";
        ApiClient.Response response = admin.post(tokens, Bodies.token("bucket", R2_BUCKET_ITEM_READ, bucket));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        admin.delete(tokens + "/" + response.result().path("id").asText());
    }

    @Test
    void allBucketsKeyOnlyNested() {
        rejected(
                Bodies.token("x", R2_BUCKET_ITEM_READ, "com.cloudflare.edge.r2.bucket.*"),
                "com.cloudflare.edge.r2.bucket.*",
                "nested");
    }

    @Test
    void aGroupListedTwiceInOnePolicyIsRejected() {
        rejected(
                "{\"name\": \"x\", \"policies\": [{\"effect\": \"allow\", \"permission_groups\": [{\"id\": \""
                        + Bodies.ZONE_READ + "\"}, {\"id\": \"" + Bodies.ZONE_READ + "\"}], "
                        + "\"resources\": {\"com.cloudflare.api.account.zone.*\": \"*\"}}]}",
                "listed twice",
                Bodies.ZONE_READ);
    }

    @Test
    void metaMustBeKeyAndValueStrings() {
        rejected(
                "{\"name\": \"x\", \"policies\": [{\"effect\": \"allow\", \"permission_groups\": [{\"id\": \""
                        + Bodies.ZONE_READ + "\", \"meta\": {\"key\": 1}}], "
                        + "\"resources\": {\"com.cloudflare.api.account.zone.*\": \"*\"}}]}",
                "permission_groups[0].meta");
    }

    @Test
    void requestIpTakesOnlyInAndNotIn() {
        rejected(
                "{\"name\": \"x\", " + zonePolicies() + ", \"condition\": {\"request_ip\": {\"within\": []}}}",
                "condition.request_ip.within");
    }

    @Test
    void resourcesMustNotBeEmpty() {
        rejected(
                "{\"name\": \"x\", \"policies\": [{\"effect\": \"allow\", \"permission_groups\": [{\"id\": \""
                        + Bodies.ZONE_READ + "\"}], \"resources\": {}}]}",
                "policies[0].resources");
    }
}
