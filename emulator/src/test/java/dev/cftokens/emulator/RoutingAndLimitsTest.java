package dev.cftokens.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.catalog.PermissionGroup;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.core.catalog.Scope;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Unknown routes, wrong methods, identifiers in paths, quotas and the rate limit. */
class RoutingAndLimitsTest {
    @Test
    void unknownRoutesAre404WithCode7003InTheEnvelope() {
        try (CloudflareEmulator emulator = CloudflareEmulator.start()) {
            ApiClient admin = ApiClient.admin(emulator);
            for (String path :
                    new String[] {"/zones", "/accounts/" + emulator.accountId() + "/nothing", "/user/tokens/a/b/c"}) {
                ApiClient.Response response = admin.get(path);
                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(response.errorCode()).isEqualTo(7003);
                assertThat(response.success()).isFalse();
                assertThat(response.errorMessage()).contains(path);
            }
            ApiClient.Response outside = ApiClient.send(
                    HttpRequest.newBuilder(URI.create(emulator.baseUrl().replace("/client/v4", "/other")))
                            .build());
            assertThat(outside.status()).isEqualTo(404);
            assertThat(outside.errorCode()).isEqualTo(7003);
        }
    }

    @Test
    void wrongMethodsAre405WithAllow() {
        try (CloudflareEmulator emulator = CloudflareEmulator.start()) {
            ApiClient admin = ApiClient.admin(emulator);

            ApiClient.Response response = admin.delete("/accounts/" + emulator.accountId() + "/tokens");
            ApiClient.Response patch = admin.send("PATCH", "/user/tokens/verify", "{}");

            assertThat(response.status()).isEqualTo(405);
            assertThat(response.success()).isFalse();
            assertThat(response.errorCode()).isEqualTo(7001);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
            assertThat(patch.status()).isEqualTo(405);
        }
    }

    @Test
    void pathIdentifiersAreChecked() {
        try (CloudflareEmulator emulator = CloudflareEmulator.start()) {
            ApiClient admin = ApiClient.admin(emulator);

            ApiClient.Response malformed = admin.get("/accounts/not-an-account/tokens");
            ApiClient.Response other = admin.get("/accounts/0123456789abcdef0123456789abcdef/tokens");
            ApiClient.Response longId = admin.get("/accounts/" + emulator.accountId() + "/tokens/" + "a".repeat(33));

            assertThat(malformed.status()).isEqualTo(404);
            assertThat(malformed.errorCode()).isEqualTo(7003);
            assertThat(other.status()).isEqualTo(403);
            assertThat(other.errorCode()).isEqualTo(9109);
            assertThat(longId.status()).isEqualTo(404);
            assertThat(longId.errorCode()).isEqualTo(7003);
        }
    }

    @Test
    void accountQuotaIs500Tokens() {
        try (CloudflareEmulator emulator = CloudflareEmulator.start()) {
            ApiClient admin = ApiClient.admin(emulator);
            String tokens = "/accounts/" + emulator.accountId() + "/tokens";
            for (int i = 0; i < 500; i++) {
                assertThat(admin.post(tokens, Bodies.zoneReader("t" + i)).status())
                        .isEqualTo(200);
            }

            ApiClient.Response over = admin.post(tokens, Bodies.zoneReader("t500"));

            assertThat(over.status()).isEqualTo(400);
            assertThat(over.errorCode()).isEqualTo(1001);
            assertThat(over.errorMessage()).contains("500");
            assertThat(emulator.tokens()).hasSize(500);
            String user = "com.cloudflare.api.user." + emulator.userId();
            assertThat(admin.post("/user/tokens", Bodies.token("u", Bodies.API_TOKENS_READ, user))
                            .status())
                    .as("user tokens count apart")
                    .isEqualTo(200);
            admin.delete(tokens + "/" + emulator.tokens().get(0).id());
            assertThat(admin.post(tokens, Bodies.zoneReader("again")).status()).isEqualTo(200);
        }
    }

    @Test
    void userQuotaIs50Tokens() {
        try (CloudflareEmulator emulator = CloudflareEmulator.start()) {
            ApiClient admin = ApiClient.admin(emulator);
            String body = Bodies.token("u", Bodies.API_TOKENS_READ, "com.cloudflare.api.user." + emulator.userId());
            for (int i = 0; i < 50; i++) {
                assertThat(admin.post("/user/tokens", body).status()).isEqualTo(200);
            }

            ApiClient.Response over = admin.post("/user/tokens", body);

            assertThat(over.status()).isEqualTo(400);
            assertThat(over.errorMessage()).contains("50");
        }
    }

    @Test
    void rateLimitIsOffByDefault() {
        try (CloudflareEmulator emulator = CloudflareEmulator.start()) {
            ApiClient.Response response = ApiClient.admin(emulator).get("/user");
            assertThat(response.headers().firstValue("x-ratelimit-limit")).isEmpty();
        }
    }

    @Test
    void rateLimitAnswers429PerCredentialWithHeaders() {
        EmulatorOptions options = EmulatorOptions.builder()
                .rateLimit(new EmulatedRateLimit(3, Duration.ofMinutes(5)))
                .build();
        try (CloudflareEmulator emulator = CloudflareEmulator.start(options)) {
            ApiClient admin = ApiClient.admin(emulator);
            for (int i = 0; i < 3; i++) {
                ApiClient.Response ok = admin.get("/user");
                assertThat(ok.status()).isEqualTo(200);
                assertThat(ok.headers().firstValue("x-ratelimit-limit")).hasValue("3");
                assertThat(ok.headers().firstValue("x-ratelimit-remaining")).hasValue(Integer.toString(2 - i));
            }

            ApiClient.Response limited = admin.get("/user");

            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.errorCode()).isEqualTo(971);
            long retryAfter =
                    Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 300L);
            assertThat(limited.headers().firstValue("x-ratelimit-remaining")).hasValue("0");
            assertThat(limited.headers().firstValue("x-ratelimit-reset")).hasValue(Long.toString(retryAfter));
            ApiClient key = ApiClient.withHeaders(
                    emulator, Map.of("X-Auth-Email", emulator.userEmail(), "X-Auth-Key", emulator.globalApiKey()));
            assertThat(key.get("/user").status())
                    .as("another credential has its own budget")
                    .isEqualTo(200);
        }
    }

    @Test
    void addressRateLimitCountsEveryRequestFromTheAddressAndBlocksForItsBlock() {
        TokenEndpointsTest.MutableClock clock =
                new TokenEndpointsTest.MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        EmulatorOptions options = EmulatorOptions.builder()
                .clock(clock)
                .addressRateLimit(new EmulatedRateLimit(3, Duration.ofSeconds(1), Duration.ofMinutes(5)))
                .build();
        try (CloudflareEmulator emulator = CloudflareEmulator.start(options)) {
            ApiClient admin = ApiClient.admin(emulator);
            ApiClient key = ApiClient.withHeaders(
                    emulator, Map.of("X-Auth-Email", emulator.userEmail(), "X-Auth-Key", emulator.globalApiKey()));
            ApiClient nobody = ApiClient.withHeaders(emulator, Map.of());
            // Three requests from one address, whatever their credentials (or none) and paths.
            assertThat(admin.get("/user").status()).isEqualTo(200);
            assertThat(key.get("/user").status()).isEqualTo(200);
            assertThat(nobody.get("/no/such/path").status()).isEqualTo(404);

            ApiClient.Response limited = admin.get("/user");

            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.errorCode()).isEqualTo(971);
            assertThat(limited.errorMessages()).contains("requests from this address");
            assertThat(limited.headers().firstValue("retry-after")).hasValue("300");
            clock.set(Instant.parse("2030-01-01T00:04:59Z"));
            assertThat(key.get("/user").status())
                    .as("blocked for five minutes, not one second")
                    .isEqualTo(429);
            clock.set(Instant.parse("2030-01-01T00:05:01Z"));
            assertThat(key.get("/user").status()).isEqualTo(200);
        }
    }

    @Test
    void passingTheLimitBlocksForAWholeWindow() {
        TokenEndpointsTest.MutableClock clock =
                new TokenEndpointsTest.MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        EmulatorOptions options = EmulatorOptions.builder()
                .clock(clock)
                .rateLimit(EmulatedRateLimit.cloudflare())
                .build();
        try (CloudflareEmulator emulator = CloudflareEmulator.start(options)) {
            ApiClient admin = ApiClient.admin(emulator);
            for (int i = 0; i < 1200; i++) {
                assertThat(admin.get("/user").status()).isEqualTo(200);
            }
            clock.set(Instant.parse("2030-01-01T00:04:00Z"));
            ApiClient.Response limited = admin.get("/user");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.headers().firstValue("retry-after"))
                    .as("a block lasts five minutes")
                    .hasValue("300");

            clock.set(Instant.parse("2030-01-01T00:08:00Z"));
            ApiClient.Response stillBlocked = admin.get("/user");
            assertThat(stillBlocked.status()).isEqualTo(429);
            assertThat(stillBlocked.headers().firstValue("retry-after")).hasValue("60");

            clock.set(Instant.parse("2030-01-01T00:09:00Z"));
            ApiClient.Response again = admin.get("/user");
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.headers().firstValue("x-ratelimit-remaining")).hasValue("1199");
        }
    }

    @Test
    void requestCountersCountByKindAndMethod() {
        try (CloudflareEmulator emulator = CloudflareEmulator.start()) {
            ApiClient admin = ApiClient.admin(emulator);
            String tokens = "/accounts/" + emulator.accountId() + "/tokens";
            admin.post(tokens, Bodies.zoneReader("a"));
            admin.post(tokens, Bodies.zoneReader("b"));
            admin.get(tokens);
            admin.get("/nowhere");

            assertThat(emulator.requestCount()).isEqualTo(4);
            assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isEqualTo(2);
            assertThat(emulator.requestCount(RequestKind.LIST_TOKENS)).isEqualTo(1);
            assertThat(emulator.requestCount("POST")).isEqualTo(2);
            assertThat(emulator.requestCount("get")).isEqualTo(2);
            emulator.resetRequestCounts();
            assertThat(emulator.requestCount()).isZero();
        }
    }

    @Test
    void bodiesOver16MiBAre413() {
        try (CloudflareEmulator emulator = CloudflareEmulator.start()) {
            ApiClient.Response response = ApiClient.admin(emulator)
                    .post(
                            "/accounts/" + emulator.accountId() + "/tokens",
                            "{\"name\": \"" + "x".repeat(16 * 1024 * 1024) + "\"}");

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.errorMessage()).contains("16 MiB");
        }
    }

    @Test
    void aGivenCatalogReplacesTheBundledOne() {
        PermissionGroupCatalog catalog = PermissionGroupCatalog.of(
                "test catalog",
                List.of(
                        new PermissionGroup("00000000000000000000000000000001", "New Zone Read", Set.of(Scope.ZONE)),
                        new PermissionGroup(
                                Bodies.ACCOUNT_API_TOKENS_WRITE, "Account API Tokens Write", Set.of(Scope.ACCOUNT))));
        try (CloudflareEmulator emulator = CloudflareEmulator.start(
                EmulatorOptions.builder().catalog(catalog).build())) {
            ApiClient admin = ApiClient.admin(emulator);
            String tokens = "/accounts/" + emulator.accountId() + "/tokens";

            assertThat(admin.get(tokens + "/permission_groups").result().size()).isEqualTo(2);
            assertThat(admin.post(tokens, Bodies.zoneReader("bundled id")).status())
                    .isEqualTo(400);
            ApiClient.Response created = admin.post(
                    tokens,
                    Bodies.token("new group", "00000000000000000000000000000001", "com.cloudflare.api.account.zone.*"));
            assertThat(created.status()).isEqualTo(200);
            assertThat(created.result()
                            .path("policies")
                            .path(0)
                            .path("permission_groups")
                            .path(0)
                            .path("name")
                            .asText())
                    .isEqualTo("New Zone Read");
        }
    }

    @Test
    void concurrentCreatesStopExactlyAtTheQuota() throws Exception {
        try (CloudflareEmulator emulator = CloudflareEmulator.start()) {
            ApiClient admin = ApiClient.admin(emulator);
            String tokens = "/accounts/" + emulator.accountId() + "/tokens";
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 560; i++) {
                String name = "c" + i;
                statuses.add(pool.submit(
                        () -> admin.post(tokens, Bodies.zoneReader(name)).status()));
            }
            Map<Integer, Integer> counts = new HashMap<>();
            for (Future<Integer> status : statuses) {
                counts.merge(status.get(), 1, Integer::sum);
            }
            pool.shutdown();

            assertThat(counts).containsEntry(200, 500).containsEntry(400, 60);
            assertThat(emulator.tokens()).hasSize(500);
            assertThat(emulator.tokens()).extracting(EmulatedToken::id).doesNotHaveDuplicates();
        }
    }
}
