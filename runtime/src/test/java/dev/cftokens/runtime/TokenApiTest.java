package dev.cftokens.runtime;

import static dev.cftokens.runtime.MockCloudflare.ACCOUNT;
import static dev.cftokens.runtime.MockCloudflare.ok;
import static dev.cftokens.runtime.MockCloudflare.page;
import static dev.cftokens.runtime.MockCloudflare.take;
import static dev.cftokens.runtime.MockCloudflare.tokenJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cftokens.core.catalog.PermissionGroup;
import dev.cftokens.core.catalog.Scope;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.PolicySpec;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.model.TokenStatus;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakScan.class)
class TokenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZONE_READ = "c8fed203ed3043cba015a93ad1616f1f";
    private static final String DNS_WRITE = "4755a26eedb94da69e1066d98aa820be";
    private static final String ACCOUNT_KEY = "com.cloudflare.api.account." + ACCOUNT;

    private final MockWebServer server = MockCloudflare.start();
    private final Cloudflare cloudflare =
            MockCloudflare.client(server, new FakeTime()).build();

    @AfterEach
    void stop() {
        server.close();
    }

    static TokenSpec restrictedSpec() {
        return new TokenSpec(
                "ci-deploy",
                Set.of(
                        new PolicySpec(
                                PolicyEffect.ALLOW,
                                Set.of(ZONE_READ),
                                Set.of(new ResourceGrant(ACCOUNT_KEY, Set.of("com.cloudflare.api.account.zone.*")))),
                        new PolicySpec(
                                PolicyEffect.DENY,
                                Set.of(DNS_WRITE),
                                Set.of(ResourceGrant.all(
                                        "com.cloudflare.api.account.zone.0123456789abcdef0123456789abcdef")))),
                new RequestIpCondition(Set.of("192.0.2.0/24", "2001:db8::/32"), Set.of("192.0.2.1/32")),
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-12-31T23:59:59Z"));
    }

    @Test
    void createSendsTheDocumentedBodyAndReturnsTheValue() throws Exception {
        String value = "p0o9i8u7y6t5r4e3w2q1a2s3d4f5g6h7j8k9l0z1";
        server.enqueue(ok("{\"id\":\"ed17574386854bf78a67040be0a770b0\",\"name\":\"ci-deploy\",\"status\":\"active\","
                + "\"value\":\"" + value + "\",\"policies\":[]}"));

        CreatedToken created = cloudflare.accountTokens().create(restrictedSpec());

        RecordedRequest request = take(server);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/client/v4/accounts/" + ACCOUNT + "/tokens");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(request.getBody().utf8());
        JsonNode expected = JSON.readTree(
                "{"
                        + "\"name\":\"ci-deploy\","
                        + "\"policies\":["
                        + "{\"effect\":\"allow\",\"permission_groups\":[{\"id\":\"" + ZONE_READ + "\"}],"
                        + "\"resources\":{\"" + ACCOUNT_KEY + "\":{\"com.cloudflare.api.account.zone.*\":\"*\"}}},"
                        + "{\"effect\":\"deny\",\"permission_groups\":[{\"id\":\"" + DNS_WRITE + "\"}],"
                        + "\"resources\":{\"com.cloudflare.api.account.zone.0123456789abcdef0123456789abcdef\":\"*\"}}],"
                        + "\"not_before\":\"2026-01-01T00:00:00Z\","
                        + "\"expires_on\":\"2026-12-31T23:59:59Z\","
                        + "\"condition\":{\"request_ip\":{\"in\":[\"192.0.2.0/24\",\"2001:db8::/32\"],\"not_in\":[\"192.0.2.1/32\"]}}}");
        assertThat(body).isEqualTo(expected);

        assertThat(created.token().id()).isEqualTo("ed17574386854bf78a67040be0a770b0");
        assertThat(created.value().reveal()).isEqualTo(value);
        assertThat(created.toString()).doesNotContain(value);
    }

    @Test
    void minimalSpecSendsNoOptionalMembers() throws Exception {
        server.enqueue(ok("{\"id\":\"a1\",\"name\":\"n\",\"status\":\"active\",\"value\":\"v-1234\",\"policies\":[]}"));
        cloudflare
                .userTokens()
                .create(new TokenSpec(
                        "n",
                        Set.of(new PolicySpec(
                                PolicyEffect.ALLOW,
                                Set.of(ZONE_READ),
                                Set.of(ResourceGrant.all("com.cloudflare.api.account.zone.*")))),
                        null,
                        null,
                        null));
        RecordedRequest request = take(server);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/client/v4/user/tokens");
        JsonNode body = JSON.readTree(request.getBody().utf8());
        assertThat(body.fieldNames()).toIterable().containsExactly("name", "policies");
    }

    @Test
    void getReadsEveryFieldAndSpecRoundTrips() {
        server.enqueue(
                ok(
                        "{\"id\":\"ed17574386854bf78a67040be0a770b0\",\"name\":\"ci-deploy\",\"status\":\"disabled\","
                                + "\"issued_on\":\"2025-01-01T00:00:00Z\",\"modified_on\":\"2025-01-02T00:00:00.5Z\","
                                + "\"last_used_on\":null,\"not_before\":\"2026-01-01T00:00:00Z\",\"expires_on\":\"2026-12-31T23:59:59Z\","
                                + "\"policies\":["
                                // The API may reorder policies and add ids, names and meta: none of it changes the
                                // spec.
                                + "{\"id\":\"p2\",\"effect\":\"deny\",\"permission_groups\":[{\"id\":\"" + DNS_WRITE
                                + "\",\"name\":\"DNS Write\","
                                + "\"meta\":{\"key\":\"k\",\"value\":\"v\"}}],"
                                + "\"resources\":{\"com.cloudflare.api.account.zone.0123456789abcdef0123456789abcdef\":\"*\"}},"
                                + "{\"id\":\"p1\",\"effect\":\"allow\",\"permission_groups\":[{\"id\":\"" + ZONE_READ
                                + "\"}],"
                                + "\"resources\":{\"" + ACCOUNT_KEY
                                + "\":{\"com.cloudflare.api.account.zone.*\":\"*\"}}}],"
                                + "\"condition\":{\"request.ip\":{\"in\":[\"2001:db8::/32\",\"192.0.2.0/24\"],\"not_in\":[\"192.0.2.1/32\"]}}}"));

        Token token = cloudflare.accountTokens().get("ed17574386854bf78a67040be0a770b0");

        assertThat(token.status()).isEqualTo(TokenStatus.DISABLED);
        assertThat(token.issuedOn()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(token.modifiedOn()).isEqualTo(Instant.parse("2025-01-02T00:00:00.5Z"));
        assertThat(token.lastUsedOn()).isNull();
        assertThat(token.policyIds()).containsExactly("p2", "p1");
        assertThat(token.spec()).isEqualTo(restrictedSpec());
    }

    @Test
    void aTimestampThatIsNoDateIsAnUnexpectedResponseNamingIt() {
        for (String timestamp : List.of("2025-13-01T00:00:00Z", "2025-02-30T00:00:00.5Z", "yesterday")) {
            server.enqueue(ok(tokenJson("abc", "name").replace("2024-01-01T00:00:00Z", timestamp)));

            assertThatThrownBy(() -> cloudflare.accountTokens().get("abc"))
                    .isInstanceOf(CloudflareApiException.class)
                    .hasMessageContaining("token abc: \"issued_on\" is not a timestamp: \"" + timestamp + "\"");
        }
    }

    @Test
    void updateSendsStatusAndRollSendsAnEmptyObject() throws Exception {
        server.enqueue(ok(tokenJson("abc", "renamed")));
        server.enqueue(ok("\"n3w-v4lue-0123456789012345678901234567890123\""));

        Token updated = cloudflare.accountTokens().update("abc", restrictedSpec(), TokenStatus.DISABLED);
        Secret rolled = cloudflare.accountTokens().roll("abc");

        RecordedRequest update = take(server);
        assertThat(update.getMethod()).isEqualTo("PUT");
        assertThat(update.getUrl().encodedPath()).isEqualTo("/client/v4/accounts/" + ACCOUNT + "/tokens/abc");
        JsonNode body = JSON.readTree(update.getBody().utf8());
        assertThat(body.get("status").asText()).isEqualTo("disabled");
        assertThat(body.get("name").asText()).isEqualTo("ci-deploy");
        assertThat(updated.name()).isEqualTo("renamed");

        RecordedRequest roll = take(server);
        assertThat(roll.getMethod()).isEqualTo("PUT");
        assertThat(roll.getUrl().encodedPath()).isEqualTo("/client/v4/accounts/" + ACCOUNT + "/tokens/abc/value");
        assertThat(roll.getBody().utf8()).isEqualTo("{}");
        assertThat(rolled.reveal()).isEqualTo("n3w-v4lue-0123456789012345678901234567890123");
    }

    @Test
    void deleteSendsDelete() {
        server.enqueue(ok("{\"id\":\"abc\"}"));
        cloudflare.userTokens().delete("abc");
        RecordedRequest request = take(server);
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/client/v4/user/tokens/abc");
    }

    @Test
    void verifyReadsIdAndStatus() {
        server.enqueue(MockCloudflare.json(
                200,
                "{\"success\":true,\"errors\":[],\"messages\":[{\"code\":10000,"
                        + "\"message\":\"This API Token is valid and active\"}],\"result\":{\"id\":\"abc\",\"status\":\"active\","
                        + "\"expires_on\":\"2030-01-01T00:00:00Z\"}}"));
        TokenVerification verification = cloudflare.tokens(TokenOwner.USER).verify();
        assertThat(verification)
                .isEqualTo(
                        new TokenVerification("abc", TokenStatus.ACTIVE, null, Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(take(server).getUrl().encodedPath()).isEqualTo("/client/v4/user/tokens/verify");
    }

    @Test
    void listFetchesPagesOnlyWhenNeeded() {
        String firstPage = IntStream.range(0, 50)
                .mapToObj(i -> tokenJson("t" + i, "token " + i))
                .collect(Collectors.joining(",", "[", "]"));
        String secondPage = IntStream.range(50, 60)
                .mapToObj(i -> tokenJson("t" + i, "token " + i))
                .collect(Collectors.joining(",", "[", "]"));
        server.enqueue(page(firstPage, 1, 50, 50, 60));
        server.enqueue(page(secondPage, 2, 50, 10, 60));

        Iterator<Token> tokens = cloudflare.accountTokens().list(true).iterator();
        assertThat(server.getRequestCount()).isZero();
        assertThat(tokens.next().id()).isEqualTo("t0");
        assertThat(server.getRequestCount()).isEqualTo(1);
        for (int i = 1; i < 50; i++) {
            tokens.next();
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(tokens.next().id()).isEqualTo("t50");
        assertThat(server.getRequestCount()).isEqualTo(2);
        int rest = 0;
        while (tokens.hasNext()) {
            tokens.next();
            rest++;
        }
        assertThat(rest).isEqualTo(9);
        assertThat(server.getRequestCount()).isEqualTo(2); // total_pages said 2: no third request

        RecordedRequest first = take(server);
        assertThat(first.getUrl().queryParameter("include_expired")).isEqualTo("true");
        assertThat(take(server).getUrl().queryParameter("page")).isEqualTo("2");
    }

    @Test
    void findFirstStopsAfterOnePage() {
        server.enqueue(page("[" + tokenJson("t0", "a") + "]", 1, 50, 1, 500));
        assertThat(cloudflare.accountTokens().list().findFirst()).map(Token::id).contains("t0");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void permissionGroupsPassFiltersAndReadScopes() {
        server.enqueue(ok("[{\"id\":\"" + ZONE_READ
                + "\",\"name\":\"Zone Read\",\"scopes\":[\"com.cloudflare.api.account.zone\"]}]"));
        List<PermissionGroup> groups =
                cloudflare.accountTokens().permissionGroups("Zone Read", "com.cloudflare.api.account.zone");
        assertThat(groups).containsExactly(new PermissionGroup(ZONE_READ, "Zone Read", Set.of(Scope.ZONE)));
        RecordedRequest request = take(server);
        assertThat(request.getUrl().encodedPath())
                .isEqualTo("/client/v4/accounts/" + ACCOUNT + "/tokens/permission_groups");
        assertThat(request.getUrl().queryParameter("name")).isEqualTo("Zone Read");
        assertThat(request.getUrl().queryParameter("scope")).isEqualTo("com.cloudflare.api.account.zone");
    }

    @Test
    void livePermissionGroupsAreFetchedOncePerClient() {
        server.enqueue(ok("[{\"id\":\"" + ZONE_READ
                + "\",\"name\":\"Zone Read\",\"scopes\":[\"com.cloudflare.api.account.zone\"]}]"));
        assertThat(cloudflare.livePermissionGroups().byId(ZONE_READ)).isPresent();
        assertThat(cloudflare.livePermissionGroups().size()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(take(server).getUrl().querySize()).isZero();
    }

    private static String tokens(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> tokenJson("t" + i, "token " + i))
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static MockResponse pageWithoutTotals(String resultArray, String resultInfo) {
        return MockCloudflare.json(
                200,
                "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + resultArray
                        + (resultInfo == null ? "" : ",\"result_info\":" + resultInfo) + "}");
    }

    @Test
    void pagesShorterThanAskedAreFullWhenTheServersPerPageSaysSo() {
        // The server serves 20 per page whatever per_page=50 asks, and gives no totals: 45 tokens in 3 pages.
        server.enqueue(pageWithoutTotals(tokens(0, 20), "{\"page\":1,\"per_page\":20,\"count\":20}"));
        server.enqueue(pageWithoutTotals(tokens(20, 40), "{\"page\":2,\"per_page\":20,\"count\":20}"));
        server.enqueue(pageWithoutTotals(tokens(40, 45), "{\"page\":3,\"per_page\":20,\"count\":5}"));

        assertThat(cloudflare.accountTokens().list().map(Token::id)).hasSize(45).doesNotHaveDuplicates();
        assertThat(server.getRequestCount()).isEqualTo(3); // page 3 was short of the server's 20: the end
    }

    @Test
    void withoutAnyPageSizeOnlyAnEmptyPageEndsTheList() {
        server.enqueue(pageWithoutTotals(tokens(0, 20), null));
        server.enqueue(pageWithoutTotals(tokens(20, 25), "{}"));
        server.enqueue(pageWithoutTotals("[]", null));

        assertThat(cloudflare.accountTokens().list().count()).isEqualTo(25);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aServerThatRepeatsThePageFailsInsteadOfLoopingOrDuplicating() {
        server.enqueue(pageWithoutTotals(tokens(0, 20), null));
        server.enqueue(pageWithoutTotals(tokens(0, 20), null));

        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class,
                () -> cloudflare.accountTokens().list().count());
        assertThat(e.getMessage()).contains("page 2 repeats the ids of page 1", "page parameter");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
