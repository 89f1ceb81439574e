package dev.cftokens.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Credentials: the admin token, issued tokens as Bearer credentials, the global API key, and the refusals. */
class AuthenticationTest {
    // Each test changes the account's tokens or scripts: a fresh emulator keeps them apart.
    @RegisterExtension
    static final CloudflareEmulatorExtension CLOUDFLARE = CloudflareEmulatorExtension.freshPerTest();

    private CloudflareEmulator emulator;
    private ApiClient admin;
    private String tokens;
    private String account;

    @BeforeEach
    void start(CloudflareEmulator emulator) {
        this.emulator = emulator;
        admin = ApiClient.admin(emulator);
        tokens = "/accounts/" + emulator.accountId() + "/tokens";
        account = "com.cloudflare.api.account." + emulator.accountId();
    }

    private String issue(String body) {
        ApiClient.Response response = admin.post(tokens, body);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.result().path("value").asText();
    }

    @Test
    void missingCredentialsAre401WithCode10000() {
        ApiClient.Response response = ApiClient.withHeaders(emulator, Map.of()).get(tokens);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo(10000);
        assertThat(response.result().isNull()).isTrue();
    }

    @Test
    void badAuthorizationFormatIs6003WithChain6111() {
        for (String header :
                new String[] {"Basic dXNlcjpwYXNz", "Bearer short", "Bearer " + "x".repeat(39) + "!", "Bearer"}) {
            ApiClient.Response response = ApiClient.withHeaders(emulator, Map.of("Authorization", header))
                    .get(tokens);

            assertThat(response.status()).as(header).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo(6003);
            assertThat(response.body()
                            .path("errors")
                            .path(0)
                            .path("error_chain")
                            .path(0)
                            .path("code")
                            .asInt())
                    .isEqualTo(6111);
            assertThat(response.text()).doesNotContain("dXNlcjpwYXNz");
        }
    }

    @Test
    void unknownTokenIs401() {
        ApiClient.Response response = ApiClient.bearer(emulator, "A".repeat(40)).get(tokens);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo(10000);
    }

    @Test
    void issuedTokenWithReadCanListButNotCreate() {
        String value = issue(Bodies.token("reader", Bodies.ACCOUNT_API_TOKENS_READ, account));
        ApiClient reader = ApiClient.bearer(emulator, value);

        assertThat(reader.get(tokens).status()).isEqualTo(200);
        assertThat(reader.get(tokens + "/permission_groups").status()).isEqualTo(200);
        ApiClient.Response create = reader.post(tokens, Bodies.zoneReader("escalate"));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.errorCode()).isEqualTo(9109);
        assertThat(create.errorMessage()).contains("Account API Tokens Write");
        assertThat(emulator.tokens()).hasSize(1);
    }

    @Test
    void issuedTokenWithoutTokenPermissionsCannotEvenList() {
        ApiClient zoneReader = ApiClient.bearer(emulator, issue(Bodies.zoneReader("zones")));

        ApiClient.Response response = zoneReader.get(tokens);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo(9109);
        assertThat(zoneReader.get(tokens + "/verify").status()).isEqualTo(200);
    }

    @Test
    void issuedTokenWithWriteCreatesTokensThatWorkInTurn() {
        ApiClient writer =
                ApiClient.bearer(emulator, issue(Bodies.token("writer", Bodies.ACCOUNT_API_TOKENS_WRITE, account)));

        ApiClient.Response created =
                writer.post(tokens, Bodies.token("child", Bodies.ACCOUNT_API_TOKENS_READ, account));

        assertThat(created.status()).isEqualTo(200);
        ApiClient child =
                ApiClient.bearer(emulator, created.result().path("value").asText());
        assertThat(child.get(tokens).result().size()).isEqualTo(2);
        assertThat(writer.delete(tokens + "/" + created.result().path("id").asText())
                        .status())
                .isEqualTo(200);
        assertThat(child.get(tokens).status()).isEqualTo(401);
    }

    @Test
    void wildcardAccountKeyGrantsTheAccount() {
        ApiClient writer = ApiClient.bearer(
                emulator,
                issue(Bodies.token("all-accounts", Bodies.ACCOUNT_API_TOKENS_WRITE, "com.cloudflare.api.account.*")));

        assertThat(writer.post(tokens, Bodies.zoneReader("ok")).status()).isEqualTo(200);
    }

    @Test
    void denyPolicyWinsOverAllow() {
        String body = "{\"name\": \"conflicted\", \"policies\": ["
                + Bodies.policy("allow", Bodies.ACCOUNT_API_TOKENS_WRITE, account) + ", "
                + Bodies.policy("deny", Bodies.ACCOUNT_API_TOKENS_WRITE, account) + ", "
                + Bodies.policy("allow", Bodies.ACCOUNT_API_TOKENS_READ, account) + "]}";
        ApiClient conflicted = ApiClient.bearer(emulator, issue(body));

        assertThat(conflicted.post(tokens, Bodies.zoneReader("x")).status()).isEqualTo(403);
        assertThat(conflicted.get(tokens).status()).as("Read is still allowed").isEqualTo(200);
    }

    @Test
    void disabledTokenIsRefusedUntilReactivated() {
        JsonNode created = admin.post(tokens, Bodies.token("switch", Bodies.ACCOUNT_API_TOKENS_READ, account))
                .result();
        ApiClient caller = ApiClient.bearer(emulator, created.path("value").asText());
        String id = created.path("id").asText();
        String body = Bodies.token("switch", Bodies.ACCOUNT_API_TOKENS_READ, account);

        admin.put(tokens + "/" + id, body.replace("{\"name\"", "{\"status\": \"disabled\", \"name\""));
        ApiClient.Response refused = caller.get(tokens);
        admin.put(tokens + "/" + id, body.replace("{\"name\"", "{\"status\": \"active\", \"name\""));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorMessage()).contains("disabled");
        assertThat(caller.get(tokens).status()).isEqualTo(200);
    }

    @Test
    void expiredAndNotYetValidTokensAreRefused() {
        TokenEndpointsTest.MutableClock clock =
                new TokenEndpointsTest.MutableClock(Instant.parse("2030-06-01T00:00:00Z"));
        try (CloudflareEmulator timed =
                CloudflareEmulator.start(EmulatorOptions.builder().clock(clock).build())) {
            String path = "/accounts/" + timed.accountId() + "/tokens";
            String policies = "\"policies\": ["
                    + Bodies.policy(
                            "allow", Bodies.ACCOUNT_API_TOKENS_READ, "com.cloudflare.api.account." + timed.accountId())
                    + "]";
            ApiClient api = ApiClient.admin(timed);
            ApiClient window = ApiClient.bearer(
                    timed,
                    api.post(
                                    path,
                                    "{\"name\": \"window\", " + policies
                                            + ", \"not_before\": \"2030-07-01T00:00:00Z\", \"expires_on\": \"2030-08-01T00:00:00Z\"}")
                            .result()
                            .path("value")
                            .asText());

            ApiClient.Response early = window.get(path);
            clock.set(Instant.parse("2030-07-15T00:00:00Z"));
            ApiClient.Response during = window.get(path);
            clock.set(Instant.parse("2030-08-01T00:00:00Z"));
            ApiClient.Response late = window.get(path);

            assertThat(early.status()).isEqualTo(401);
            assertThat(early.errorMessage()).contains("not valid before");
            assertThat(during.status()).isEqualTo(200);
            assertThat(late.status()).isEqualTo(401);
            assertThat(late.errorMessage()).contains("expired");
        }
    }

    @Test
    void lastUsedOnIsSetByUse() {
        JsonNode created = admin.post(tokens, Bodies.token("used", Bodies.ACCOUNT_API_TOKENS_READ, account))
                .result();
        assertThat(emulator.tokens().get(0).lastUsedOn()).isNull();
        assertThat(admin.get(tokens).result().path(0).has("last_used_on")).isFalse();

        ApiClient.bearer(emulator, created.path("value").asText()).get(tokens);

        assertThat(emulator.tokens().get(0).lastUsedOn()).isNotNull();
        assertThat(admin.get(tokens + "/" + created.path("id").asText())
                        .result()
                        .path("last_used_on")
                        .asText())
                .matches("\\d{4}-.*Z");
    }

    @Test
    void requestIpInMustContainTheCaller() {
        String outside = issueWithCondition("{\"in\": [\"192.0.2.0/24\"]}");
        String inside = issueWithCondition("{\"in\": [\"192.0.2.0/24\", \"127.0.0.0/8\"]}");

        ApiClient.Response refused = ApiClient.bearer(emulator, outside).get(tokens);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo(9109);
        assertThat(refused.errorMessage()).contains("127.0.0.1");
        assertThat(ApiClient.bearer(emulator, inside).get(tokens).status()).isEqualTo(200);
    }

    @Test
    void requestIpNotInWinsOverIn() {
        String excluded = issueWithCondition("{\"in\": [\"127.0.0.0/8\"], \"not_in\": [\"127.0.0.1/32\"]}");
        String elsewhere = issueWithCondition("{\"not_in\": [\"10.0.0.0/8\"]}");

        assertThat(ApiClient.bearer(emulator, excluded).get(tokens).status()).isEqualTo(403);
        assertThat(ApiClient.bearer(emulator, elsewhere).get(tokens).status()).isEqualTo(200);
    }

    private String issueWithCondition(String requestIp) {
        return issue(
                "{\"name\": \"ip\", \"policies\": [" + Bodies.policy("allow", Bodies.ACCOUNT_API_TOKENS_READ, account)
                        + "], \"condition\": {\"request_ip\": " + requestIp + "}}");
    }

    @Test
    void userTokensNeedUserScopedApiTokensGroups() {
        ApiClient accountWriter =
                ApiClient.bearer(emulator, issue(Bodies.token("acct", Bodies.ACCOUNT_API_TOKENS_WRITE, account)));
        String user = "com.cloudflare.api.user." + emulator.userId();
        ApiClient.Response created =
                admin.post("/user/tokens", Bodies.token("user-writer", Bodies.API_TOKENS_WRITE, user));
        ApiClient userWriter =
                ApiClient.bearer(emulator, created.result().path("value").asText());

        assertThat(accountWriter.get("/user/tokens").status()).isEqualTo(403);
        assertThat(accountWriter
                        .post("/user/tokens", Bodies.token("u", Bodies.API_TOKENS_READ, user))
                        .status())
                .isEqualTo(403);
        assertThat(userWriter
                        .post("/user/tokens", Bodies.token("u", Bodies.API_TOKENS_READ, user))
                        .status())
                .isEqualTo(200);
        assertThat(userWriter.get("/user/tokens").result().size()).isEqualTo(2);
        assertThat(userWriter.post(tokens, Bodies.zoneReader("no")).status()).isEqualTo(403);
    }

    @Test
    void verifyMatchesTheOwner() {
        String accountToken = issue(Bodies.zoneReader("acct"));
        String userToken = admin.post(
                        "/user/tokens",
                        Bodies.token("user", Bodies.API_TOKENS_READ, "com.cloudflare.api.user." + emulator.userId()))
                .result()
                .path("value")
                .asText();

        ApiClient.Response accountOnUser =
                ApiClient.bearer(emulator, accountToken).get("/user/tokens/verify");

        assertThat(accountOnUser.status()).isEqualTo(403);
        assertThat(accountOnUser.errorCode()).isEqualTo(9109);
        assertThat(ApiClient.bearer(emulator, userToken)
                        .get("/user/tokens/verify")
                        .status())
                .isEqualTo(200);
        assertThat(ApiClient.bearer(emulator, userToken).get(tokens + "/verify").status())
                .isEqualTo(403);
    }

    @Test
    void adminTokenIsUserOwnedEverywhere() {
        ApiClient.Response onUser = admin.get("/user/tokens/verify");
        ApiClient.Response onAccount = admin.get(tokens + "/verify");

        assertThat(onUser.status()).isEqualTo(200);
        assertThat(onUser.result().path("id").asText()).isEqualTo(emulator.adminTokenId());
        assertThat(onAccount.status()).isEqualTo(403);
        assertThat(onAccount.errorCode()).isEqualTo(9109);
        assertThat(onAccount.errorMessage()).contains(emulator.adminTokenId(), "user-owned", "/user/tokens/verify");
        // As a user-owned token, it may list the accounts it reaches.
        assertThat(admin.get("/accounts").status()).isEqualTo(200);
    }

    @Test
    void globalApiKeyWithEmailHasFullRights() {
        ApiClient key = ApiClient.withHeaders(
                emulator, Map.of("X-Auth-Email", emulator.userEmail(), "X-Auth-Key", emulator.globalApiKey()));

        assertThat(key.post(tokens, Bodies.zoneReader("by-key")).status()).isEqualTo(200);
        assertThat(key.get("/user").result().path("email").asText()).isEqualTo(emulator.userEmail());
        assertThat(key.get("/accounts").result().path(0).path("id").asText()).isEqualTo(emulator.accountId());
    }

    @Test
    void wrongGlobalApiKeyOrMissingEmailIsRefused() {
        ApiClient wrong = ApiClient.withHeaders(
                emulator,
                Map.of("X-Auth-Email", emulator.userEmail(), "X-Auth-Key", "0123456789abcdef0123456789abcdef01234"));
        ApiClient keyOnly = ApiClient.withHeaders(emulator, Map.of("X-Auth-Key", emulator.globalApiKey()));

        ApiClient.Response refused = wrong.get(tokens);
        ApiClient.Response incomplete = keyOnly.get(tokens);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo(9103);
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.errorCode()).isEqualTo(6003);
        assertThat(incomplete
                        .body()
                        .path("errors")
                        .path(0)
                        .path("error_chain")
                        .path(0)
                        .path("code")
                        .asInt())
                .isEqualTo(6102);
        assertThat(incomplete.text()).doesNotContain(emulator.globalApiKey());
    }

    @Test
    void accountsRejectsAccountOwnedTokens() {
        ApiClient accountToken =
                ApiClient.bearer(emulator, issue(Bodies.token("acct", Bodies.ACCOUNT_API_TOKENS_READ, account)));

        ApiClient.Response response = accountToken.get("/accounts");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo(1001);
    }

    @Test
    void accountsListsTheAccountForAdminAndGrantedUserTokens() {
        String user = "com.cloudflare.api.user." + emulator.userId();
        String granted = admin.post(
                        "/user/tokens",
                        "{\"name\": \"u\", \"policies\": ["
                                + Bodies.policy("allow", Bodies.WORKERS_SCRIPTS_WRITE, account) + "]}")
                .result()
                .path("value")
                .asText();
        String ungranted = admin.post("/user/tokens", Bodies.token("v", Bodies.API_TOKENS_READ, user))
                .result()
                .path("value")
                .asText();

        ApiClient.Response byAdmin = admin.get("/accounts");

        assertThat(byAdmin.result().size()).isEqualTo(1);
        assertThat(byAdmin.result().path(0).path("id").asText()).isEqualTo(emulator.accountId());
        assertThat(byAdmin.body().path("result_info").path("total_count").asInt())
                .isEqualTo(1);
        ApiClient.Response secondPage = admin.get("/accounts?page=2&per_page=50");
        assertThat(secondPage.result().size()).isZero();
        assertThat(secondPage.body().path("result_info").path("total_count").asInt())
                .isEqualTo(1);
        assertThat(admin.get("/accounts?per_page=500").status()).isEqualTo(400);
        assertThat(ApiClient.bearer(emulator, granted).get("/accounts").result().size())
                .isEqualTo(1);
        assertThat(ApiClient.bearer(emulator, ungranted)
                        .get("/accounts")
                        .result()
                        .size())
                .isZero();
    }

    @Test
    void userNeedsUserDetailsAndAUserLevelCredential() {
        String user = "com.cloudflare.api.user." + emulator.userId();
        String details = admin.post("/user/tokens", Bodies.token("d", "8acbe5bb0d54464ab867149d7f7cf8ac", user))
                .result()
                .path("value")
                .asText();
        String none = admin.post("/user/tokens", Bodies.token("n", Bodies.API_TOKENS_READ, user))
                .result()
                .path("value")
                .asText();

        ApiClient.Response byAdmin = admin.get("/user");

        assertThat(byAdmin.result().path("id").asText()).isEqualTo(emulator.userId());
        assertThat(ApiClient.bearer(emulator, details)
                        .get("/user")
                        .result()
                        .path("email")
                        .asText())
                .isEqualTo("user@example.com");
        assertThat(ApiClient.bearer(emulator, none).get("/user").status()).isEqualTo(403);
        assertThat(ApiClient.bearer(emulator, issue(Bodies.zoneReader("acct")))
                        .get("/user")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void configuredAdminTokenIsUsed() {
        String token = "configured-admin-token-0123456789abcdefghij";
        try (CloudflareEmulator configured = CloudflareEmulator.start(EmulatorOptions.builder()
                .adminToken(token)
                .accountId("0123456789abcdef0123456789abcdef")
                .build())) {
            assertThat(configured.adminToken()).isEqualTo(token);
            assertThat(ApiClient.bearer(configured, token)
                            .get("/accounts/0123456789abcdef0123456789abcdef/tokens")
                            .status())
                    .isEqualTo(200);
        }
    }
}
