package dev.cftokens.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cftokens.core.model.RequestIpCondition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenEndpointsTest {
    // Each test changes the account's tokens or scripts: a fresh emulator keeps them apart.
    @RegisterExtension
    static final CloudflareEmulatorExtension CLOUDFLARE = CloudflareEmulatorExtension.freshPerTest();

    private CloudflareEmulator emulator;
    private ApiClient admin;
    private String tokens;

    @BeforeEach
    void start(CloudflareEmulator emulator) {
        this.emulator = emulator;
        admin = ApiClient.admin(emulator);
        tokens = "/accounts/" + emulator.accountId() + "/tokens";
    }

    @Test
    void createReturnsTheTokenWithItsValueOnce() {
        ApiClient.Response created = admin.post(tokens, Bodies.zoneReader("reader"));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.success()).isTrue();
        JsonNode token = created.result();
        assertThat(token.path("id").asText()).matches("[0-9a-f]{32}");
        assertThat(token.path("name").asText()).isEqualTo("reader");
        assertThat(token.path("status").asText()).isEqualTo("active");
        assertThat(token.path("value").asText()).matches("[A-Za-z0-9_-]{40,80}");
        assertThat(token.path("issued_on").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(token.has("last_used_on"))
                .as("absent until used, never null")
                .isFalse();
        JsonNode policy = token.path("policies").path(0);
        assertThat(policy.path("id").asText()).matches("[0-9a-f]{32}");
        assertThat(policy.path("effect").asText()).isEqualTo("allow");
        assertThat(policy.path("permission_groups").path(0).path("name").asText())
                .isEqualTo("Zone Read");
        assertThat(policy.path("resources")
                        .path("com.cloudflare.api.account.zone.*")
                        .asText())
                .isEqualTo("*");

        ApiClient.Response fetched = admin.get(tokens + "/" + token.path("id").asText());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.result().has("value")).isFalse();
        assertThat(fetched.result().path("name").asText()).isEqualTo("reader");
        assertThat(emulator.tokens()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(token.path("id").asText());
            assertThat(t.policies())
                    .singleElement()
                    .satisfies(p -> assertThat(p.permissionGroupIds()).containsExactly(Bodies.ZONE_READ));
        });
    }

    @Test
    void createKeepsEveryFieldOfTheBody() {
        String body = "{\"name\": \"full\", \"policies\": [{\"effect\": \"allow\", \"permission_groups\": [{\"id\": \""
                + Bodies.ZONE_READ
                + "\", \"meta\": {\"key\": \"k\", \"value\": \"v\"}}], \"resources\": {\"com.cloudflare.api.account."
                + emulator.accountId() + "\": {\"com.cloudflare.api.account.zone.*\": \"*\"}}}, "
                + Bodies.policy(
                        "deny",
                        Bodies.ANALYTICS_READ,
                        "com.cloudflare.api.account.zone.0123456789abcdef0123456789abcdef")
                + "], \"not_before\": \"2030-01-01T00:00:00Z\", \"expires_on\": \"2030-12-31T23:59:59Z\", "
                + "\"condition\": {\"request_ip\": {\"in\": [\"192.0.2.0/24\", \"2001:db8::/32\"], \"not_in\": [\"192.0.2.1/32\"]}}}";

        JsonNode token = admin.post(tokens, body).result();

        assertThat(token.path("not_before").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(token.path("expires_on").asText()).isEqualTo("2030-12-31T23:59:59Z");
        assertThat(token.path("condition").path("request_ip").path("in").toString())
                .isEqualTo("[\"192.0.2.0/24\",\"2001:db8::/32\"]");
        assertThat(token.path("condition").path("request_ip").path("not_in").toString())
                .isEqualTo("[\"192.0.2.1/32\"]");
        JsonNode nested = token.path("policies")
                .path(0)
                .path("resources")
                .path("com.cloudflare.api.account." + emulator.accountId());
        assertThat(nested.path("com.cloudflare.api.account.zone.*").asText()).isEqualTo("*");
        assertThat(token.path("policies")
                        .path(0)
                        .path("permission_groups")
                        .path(0)
                        .path("meta")
                        .path("key")
                        .asText())
                .isEqualTo("k");
        assertThat(token.path("policies").path(1).path("effect").asText()).isEqualTo("deny");
        EmulatedToken stored = emulator.tokens().get(0);
        assertThat(stored.condition().in()).containsExactlyInAnyOrder("192.0.2.0/24", "2001:db8::/32");
        assertThat(stored.notBefore()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void conditionSpelledRequestDotIpIsReadAndWrittenAsRequestIp() {
        String body = "{\"name\": \"old-spelling\", \"policies\": ["
                + Bodies.policy("allow", Bodies.ZONE_READ, "com.cloudflare.api.account.zone.*")
                + "], \"condition\": {\"request.ip\": {\"in\": [\"10.0.0.0/8\"]}}}";

        JsonNode token = admin.post(tokens, body).result();

        assertThat(token.path("condition").has("request.ip")).isFalse();
        assertThat(token.path("condition").path("request_ip").path("in").path(0).asText())
                .isEqualTo("10.0.0.0/8");
    }

    /** The condition is a pair of CIDR sets (core's RequestIpCondition): duplicates collapse, answers sort them. */
    @Test
    void requestIpConditionIsAPairOfSetsListedSorted() {
        String body = "{\"name\": \"cidr-sets\", \"policies\": ["
                + Bodies.policy("allow", Bodies.ZONE_READ, "com.cloudflare.api.account.zone.*")
                + "], \"condition\": {\"request_ip\": {\"in\": [\"198.51.100.0/24\", "
                + "\"10.0.0.0/8\", \"198.51.100.0/24\"], \"not_in\": [\"10.9.0.0/16\", \"10.1.0.0/16\"]}}}";

        JsonNode created = admin.post(tokens, body).result();
        JsonNode fetched = admin.get(tokens + "/" + created.path("id").asText()).result();

        assertThat(created.path("condition").toString())
                .isEqualTo("{\"request_ip\":{\"in\":[\"10.0.0.0/8\","
                        + "\"198.51.100.0/24\"],\"not_in\":[\"10.1.0.0/16\",\"10.9.0.0/16\"]}}");
        assertThat(fetched.path("condition")).isEqualTo(created.path("condition"));
        assertThat(emulator.tokens().get(0).condition())
                .isEqualTo(new RequestIpCondition(
                        Set.of("10.0.0.0/8", "198.51.100.0/24"), Set.of("10.1.0.0/16", "10.9.0.0/16")));
    }

    @Test
    void envelopeHasAllFields() {
        ApiClient.Response listed = admin.get(tokens);

        assertThat(listed.body().path("success").asBoolean()).isTrue();
        assertThat(listed.body().path("errors").isArray()).isTrue();
        assertThat(listed.body().path("messages").isArray()).isTrue();
        assertThat(listed.body().path("result").isArray()).isTrue();
        assertThat(listed.body().path("result_info").path("total_count").asInt())
                .isZero();
        assertThat(listed.headers().firstValue("cf-ray")).isPresent();
        assertThat(listed.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void unknownPermissionGroupIdIsA400NamingIt() {
        ApiClient.Response response = admin.post(
                tokens, Bodies.token("bad", "00000000000000000000000000000000", "com.cloudflare.api.account.zone.*"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.success()).isFalse();
        assertThat(response.result().isNull()).isTrue();
        assertThat(response.errorCode()).isEqualTo(1001);
        assertThat(response.errorMessage())
                .contains("policies[0].permission_groups[0].id")
                .contains("\"00000000000000000000000000000000\"");
        assertThat(emulator.tokens()).isEmpty();
    }

    @Test
    void deleteRemovesTheToken() {
        String id = admin.post(tokens, Bodies.zoneReader("doomed"))
                .result()
                .path("id")
                .asText();

        ApiClient.Response deleted = admin.delete(tokens + "/" + id);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.result().path("id").asText()).isEqualTo(id);
        ApiClient.Response gone = admin.get(tokens + "/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorMessage()).contains(id);
        assertThat(emulator.tokens()).isEmpty();
        assertThat(admin.delete(tokens + "/" + id).status()).isEqualTo(404);
        assertThat(admin.put(tokens + "/" + id, Bodies.zoneReader("back")).status())
                .isEqualTo(404);
        assertThat(admin.put(tokens + "/" + id + "/value", "{}").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/accounts/ACCOUNT/tokens", "/user/tokens"})
    void everyOperationOnAnUnknownTokenIdIsA404(String base) {
        String unknown = base.replace("ACCOUNT", emulator.accountId()) + "/0123456789abcdef0123456789abcdef";

        List<ApiClient.Response> answers = List.of(
                admin.get(unknown),
                admin.put(unknown, Bodies.zoneReader("never")),
                admin.delete(unknown),
                admin.put(unknown + "/value", null),
                admin.put(unknown + "/value", "{}"));

        assertThat(answers).allSatisfy(response -> {
            assertThat(response.status()).as(response.text()).isEqualTo(404);
            assertThat(response.success()).isFalse();
            assertThat(response.result().isNull()).isTrue();
            assertThat(response.errorCode()).isEqualTo(7003);
            assertThat(response.errorMessage()).contains("0123456789abcdef0123456789abcdef");
        });
    }

    @Test
    void updateReplacesTheBodyKeepsPolicyIdsAndSetsStatus() {
        JsonNode created = admin.post(tokens, Bodies.zoneReader("before")).result();
        String id = created.path("id").asText();
        String policyId = created.path("policies").path(0).path("id").asText();
        String body = "{\"name\": \"after\", \"status\": \"disabled\", \"policies\": [{\"id\": \"" + policyId
                + "\", \"effect\": \"allow\", \"permission_groups\": [{\"id\": \"" + Bodies.ZONE_READ
                + "\"}], \"resources\": {\"com.cloudflare.api.account.zone.*\": \"*\"}}, "
                + Bodies.policy("allow", Bodies.ANALYTICS_READ, "com.cloudflare.api.account.zone.*") + "]}";

        ApiClient.Response updated = admin.put(tokens + "/" + id, body);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.result().path("name").asText()).isEqualTo("after");
        assertThat(updated.result().path("status").asText()).isEqualTo("disabled");
        assertThat(updated.result().path("policies").path(0).path("id").asText())
                .isEqualTo(policyId);
        assertThat(updated.result().path("policies").path(1).path("id").asText())
                .matches("[0-9a-f]{32}")
                .isNotEqualTo(policyId);
        assertThat(updated.result().has("value")).isFalse();
        assertThat(admin.get(tokens + "/" + id).result().path("status").asText())
                .isEqualTo("disabled");

        ApiClient.Response reactivated = admin.put(
                tokens + "/" + id,
                Bodies.zoneReader("after").replace("{\"name\"", "{\"status\": \"active\", \"name\""));
        assertThat(reactivated.result().path("status").asText()).isEqualTo("active");
    }

    @Test
    void updateRejectsAPolicyIdTheTokenDoesNotHave() {
        String id =
                admin.post(tokens, Bodies.zoneReader("t")).result().path("id").asText();
        String body =
                "{\"name\": \"t\", \"policies\": [{\"id\": \"ffffffffffffffffffffffffffffffff\", \"effect\": \"allow\", "
                        + "\"permission_groups\": [{\"id\": \"" + Bodies.ZONE_READ
                        + "\"}], \"resources\": {\"com.cloudflare.api.account.zone.*\": \"*\"}}]}";

        ApiClient.Response response = admin.put(tokens + "/" + id, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessage()).contains("ffffffffffffffffffffffffffffffff");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}"})
    void rollReturnsANewValueAsABareString(String body) {
        JsonNode created = admin.post(
                        tokens,
                        Bodies.token(
                                "roller",
                                Bodies.ACCOUNT_API_TOKENS_READ,
                                "com.cloudflare.api.account." + emulator.accountId()))
                .result();
        String oldValue = created.path("value").asText();

        ApiClient.Response rolled =
                admin.send("PUT", tokens + "/" + created.path("id").asText() + "/value", body.isEmpty() ? null : body);

        assertThat(rolled.status()).isEqualTo(200);
        assertThat(rolled.result().isTextual()).isTrue();
        String newValue = rolled.result().asText();
        assertThat(newValue).matches("[A-Za-z0-9_-]{40,80}").isNotEqualTo(oldValue);
        assertThat(ApiClient.bearer(emulator, oldValue).get(tokens).status()).isEqualTo(401);
        assertThat(ApiClient.bearer(emulator, newValue).get(tokens).status()).isEqualTo(200);
    }

    @Test
    void rollWithABodyOtherThanEmptyIsA400() {
        String id =
                admin.post(tokens, Bodies.zoneReader("r")).result().path("id").asText();

        ApiClient.Response response = admin.put(tokens + "/" + id + "/value", "{\"value\": \"x\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo(1001);
    }

    @Test
    void verifyReportsTheCallingTokenWithMessage10000() {
        JsonNode created = admin.post(
                        tokens,
                        "{\"name\": \"v\", \"expires_on\": \"2099-01-01T00:00:00Z\", \"policies\": ["
                                + Bodies.policy("allow", Bodies.ZONE_READ, "com.cloudflare.api.account.zone.*") + "]}")
                .result();
        ApiClient caller = ApiClient.bearer(emulator, created.path("value").asText());

        ApiClient.Response verified = caller.get(tokens + "/verify");

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.result().path("id").asText())
                .isEqualTo(created.path("id").asText());
        assertThat(verified.result().path("status").asText()).isEqualTo("active");
        assertThat(verified.result().path("expires_on").asText()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(verified.body().path("messages").path(0).path("code").asInt())
                .isEqualTo(10000);
        assertThat(verified.body().path("messages").path(0).path("message").asText())
                .isEqualTo("This API Token is valid and active");
        assertThat(admin.get("/user/tokens/verify").result().path("id").asText())
                .isEqualTo(emulator.adminTokenId());
    }

    @Test
    void permissionGroupsListTheCatalog() {
        ApiClient.Response groups = admin.get(tokens + "/permission_groups");

        assertThat(groups.status()).isEqualTo(200);
        assertThat(groups.result().size()).isGreaterThan(250);
        JsonNode first = groups.result().path(0);
        assertThat(first.has("id")).isTrue();
        assertThat(first.has("name")).isTrue();
        assertThat(first.path("scopes").isArray()).isTrue();
        List<String> scopes = new ArrayList<>();
        groups.result().forEach(g -> g.path("scopes").forEach(s -> scopes.add(s.asText())));
        assertThat(scopes).doesNotContain("com.cloudflare.api.user");
        ApiClient.Response userGroups = admin.get("/user/tokens/permission_groups");
        assertThat(userGroups.result().size()).isGreaterThan(groups.result().size());
    }

    @Test
    void permissionGroupsFilterByNameAndScope() {
        ApiClient.Response logs = admin.get(tokens + "/permission_groups?name=Logs%20Read");
        assertThat(logs.result().size()).isEqualTo(2);

        ApiClient.Response zoneLogs =
                admin.get(tokens + "/permission_groups?name=Logs%20Read&scope=com.cloudflare.api.account.zone");
        assertThat(zoneLogs.result().size()).isEqualTo(1);
        assertThat(zoneLogs.result().path(0).path("scopes").path(0).asText())
                .isEqualTo("com.cloudflare.api.account.zone");

        ApiClient.Response userScope = admin.get("/user/tokens/permission_groups?scope=com.cloudflare.api.user");
        assertThat(userScope.result()).extracting(JsonNode::toString).anyMatch(s -> s.contains("API Tokens Write"));
        assertThat(admin.get(tokens + "/permission_groups?name=No%20Such%20Group")
                        .result()
                        .size())
                .isZero();
    }

    @Test
    void userOwnedTokensLiveUnderUserTokens() {
        String body = Bodies.token("mine", Bodies.API_TOKENS_READ, "com.cloudflare.api.user." + emulator.userId());

        JsonNode created = admin.post("/user/tokens", body).result();
        String id = created.path("id").asText();

        assertThat(admin.get("/user/tokens/" + id).result().path("name").asText())
                .isEqualTo("mine");
        assertThat(admin.get("/user/tokens").result().size()).isEqualTo(1);
        assertThat(admin.get(tokens).result().size()).isZero();
        assertThat(admin.get(tokens + "/" + id).status())
                .as("not an account-owned token")
                .isEqualTo(404);
        ApiClient user = ApiClient.bearer(emulator, created.path("value").asText());
        assertThat(user.get("/user/tokens/verify").result().path("id").asText()).isEqualTo(id);
        assertThat(admin.put("/user/tokens/" + id + "/value", null).result().isTextual())
                .isTrue();
        assertThat(admin.delete("/user/tokens/" + id).result().path("id").asText())
                .isEqualTo(id);
        assertThat(emulator.tokens()).isEmpty();
        assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isEqualTo(1);
    }

    @Test
    void listPagesEdges() {
        assertPaging(0, Map.of(), 0, 0, 0);
        createMany(1);
        assertPaging(1, Map.of(), 1, 1, 1);
        createMany(49);
        assertPaging(50, Map.of("per_page", "50"), 50, 50, 1);
        assertPaging(50, Map.of(), 20, 50, 3);
        createMany(1);
        assertPaging(51, Map.of("per_page", "50"), 50, 51, 2);
        assertPaging(51, Map.of("per_page", "50", "page", "2"), 1, 51, 2);
        assertPaging(51, Map.of("per_page", "50", "page", "3"), 0, 51, 2);
    }

    @Test
    void listDirectionOrdersByIssue() {
        createMany(6);
        List<String> asc = names(admin.get(tokens + "?direction=asc&per_page=50"));
        List<String> desc = names(admin.get(tokens + "?direction=desc&per_page=50"));

        assertThat(asc).containsExactly("t0", "t1", "t2", "t3", "t4", "t5");
        assertThat(desc).containsExactly("t5", "t4", "t3", "t2", "t1", "t0");
        assertThat(names(admin.get(tokens + "?direction=desc&per_page=5&page=2")))
                .containsExactly("t0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"per_page=4", "per_page=51", "per_page=x", "page=0", "direction=up", "include_expired=yes"})
    void listRejectsBadQueryParameters(String query) {
        ApiClient.Response response = admin.get(tokens + "?" + query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo(1001);
        assertThat(response.errorMessage())
                .contains(query.substring(0, query.indexOf('=')))
                .contains(query.substring(query.indexOf('=') + 1));
    }

    @Test
    void expiredTokensAreListedOnlyWithIncludeExpired() {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        try (CloudflareEmulator timed =
                CloudflareEmulator.start(EmulatorOptions.builder().clock(clock).build())) {
            ApiClient api = ApiClient.admin(timed);
            String path = "/accounts/" + timed.accountId() + "/tokens";
            api.post(
                    path,
                    "{\"name\": \"short\", \"expires_on\": \"2030-01-02T00:00:00Z\", \"policies\": ["
                            + Bodies.policy("allow", Bodies.ZONE_READ, "com.cloudflare.api.account.zone.*") + "]}");
            api.post(path, Bodies.zoneReader("long"));
            assertThat(names(api.get(path))).containsExactly("short", "long");

            clock.set(Instant.parse("2030-01-03T00:00:00Z"));

            assertThat(names(api.get(path))).containsExactly("long");
            ApiClient.Response all = api.get(path + "?include_expired=true");
            assertThat(names(all)).containsExactly("short", "long");
            assertThat(all.result().path(0).path("status").asText()).isEqualTo("expired");
            assertThat(timed.tokens().get(0).status()).isEqualTo("expired");
        }
    }

    private void assertPaging(int expectedTotal, Map<String, String> query, int count, int total, int pages) {
        StringBuilder path = new StringBuilder(tokens);
        char separator = '?';
        for (Map.Entry<String, String> entry : query.entrySet()) {
            path.append(separator).append(entry.getKey()).append('=').append(entry.getValue());
            separator = '&';
        }
        ApiClient.Response response = admin.get(path.toString());
        assertThat(response.status()).isEqualTo(200);
        JsonNode info = response.body().path("result_info");
        assertThat(response.result().size()).as("result size for %s", query).isEqualTo(count);
        assertThat(info.path("count").asInt()).isEqualTo(count);
        assertThat(info.path("total_count").asInt()).isEqualTo(total).isEqualTo(expectedTotal);
        assertThat(info.path("total_pages").asInt()).isEqualTo(pages);
        assertThat(info.path("per_page").asInt()).isEqualTo(Integer.parseInt(query.getOrDefault("per_page", "20")));
        assertThat(info.path("page").asInt()).isEqualTo(Integer.parseInt(query.getOrDefault("page", "1")));
    }

    private void createMany(int count) {
        int start = emulator.tokens().size();
        for (int i = 0; i < count; i++) {
            assertThat(admin.post(tokens, Bodies.zoneReader("t" + (start + i))).status())
                    .isEqualTo(200);
        }
    }

    private static List<String> names(ApiClient.Response response) {
        List<String> names = new ArrayList<>();
        response.result().forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
