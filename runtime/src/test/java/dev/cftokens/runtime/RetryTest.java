package dev.cftokens.runtime;

import static dev.cftokens.runtime.MockCloudflare.ACCOUNT;
import static dev.cftokens.runtime.MockCloudflare.error;
import static dev.cftokens.runtime.MockCloudflare.ok;
import static dev.cftokens.runtime.MockCloudflare.tokenJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.PolicySpec;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.model.TokenSpec;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakScan.class)
@LeakScan.ExpectsRequestLog
class RetryTest {
    private static final TokenSpec SPEC = new TokenSpec(
            "n",
            Set.of(new PolicySpec(
                    PolicyEffect.ALLOW,
                    Set.of("c8fed203ed3043cba015a93ad1616f1f"),
                    Set.of(ResourceGrant.all("com.cloudflare.api.account.zone.*")))),
            null,
            null,
            null);
    private static final String CREATED =
            "{\"id\":\"abc\",\"name\":\"n\",\"status\":\"active\",\"value\":\"v4lue-0123456789\",\"policies\":[]}";

    private final MockWebServer server = MockCloudflare.start();
    private final FakeTime time = new FakeTime();
    private final Cloudflare cloudflare = MockCloudflare.client(server, time).build();

    @AfterEach
    void stop() {
        server.close();
    }

    private static MockResponse tooManyRequests(String header, String value) {
        return new MockResponse.Builder()
                .code(429)
                .headers(Headers.of(header, value, "Content-Type", "application/json"))
                .body(
                        "{\"success\":false,\"errors\":[{\"code\":971,\"message\":\"Please wait and consider throttling your"
                                + " request speed\"}],\"messages\":[],\"result\":null}")
                .build();
    }

    @Test
    void getWaitsForRetryAfterThenSucceeds() {
        server.enqueue(tooManyRequests("retry-after", "7"));
        server.enqueue(ok(tokenJson("abc", "n")));

        assertThat(cloudflare.accountTokens().get("abc").id()).isEqualTo("abc");
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void a503WithRetryAfterZeroIsRetriedByThePolicyNotSilentlyByOkHttp() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .headers(Headers.of("Retry-After", "0"))
                .body("busy")
                .build());
        server.enqueue(ok(tokenJson("abc", "n")));

        assertThat(cloudflare.accountTokens().get("abc").id()).isEqualTo("abc");
        // The policy's back-off ran: the second request was the transport's own attempt, counted and logged.
        assertThat(time.sleeps).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void rateLimitResetHeaderIsUsedWithoutRetryAfter() {
        server.enqueue(tooManyRequests("x-ratelimit-reset", "3"));
        server.enqueue(ok(tokenJson("abc", "n")));
        cloudflare.accountTokens().get("abc");
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void postIsRetriedAfter429BecauseCloudflareDidNotProcessIt() {
        server.enqueue(tooManyRequests("retry-after", "1"));
        server.enqueue(ok(CREATED));

        assertThat(cloudflare.accountTokens().create(SPEC).token().id()).isEqualTo("abc");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void retryAfterBeyondTheRateLimitWaitFailsAtOnce() {
        server.enqueue(tooManyRequests("retry-after", "400"));
        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class, () -> cloudflare.accountTokens().get("abc"));
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.errors()).extracting(ApiError::code).containsExactly(971);
        assertThat(e.getMessage()).contains("wait 400 s more", "beyond the 360 s", "--max-wait");
        assertThat(time.sleeps).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aLongRateLimitIsWaitedOutSayingSoInOneLinePerWait() {
        // Cloudflare blocks for up to five minutes once a limit is exceeded: far more than four attempts.
        for (int i = 0; i < 6; i++) {
            server.enqueue(tooManyRequests("retry-after", "50"));
        }
        server.enqueue(ok(CREATED));

        List<String> log = infoLogDuring(() ->
                assertThat(cloudflare.accountTokens().create(SPEC).token().id()).isEqualTo("abc"));

        assertThat(time.sleeps).hasSize(6).allSatisfy(sleep -> assertThat(sleep).isEqualTo(Duration.ofSeconds(50)));
        assertThat(server.getRequestCount()).isEqualTo(7);
        assertThat(log)
                .filteredOn(line -> line.startsWith("rate limited by Cloudflare"))
                .containsExactly(
                        "rate limited by Cloudflare, waiting 50 s, attempt 1 (POST /accounts/" + ACCOUNT + "/tokens)",
                        "rate limited by Cloudflare, waiting 50 s, attempt 2 (POST /accounts/" + ACCOUNT + "/tokens)",
                        "rate limited by Cloudflare, waiting 50 s, attempt 3 (POST /accounts/" + ACCOUNT + "/tokens)",
                        "rate limited by Cloudflare, waiting 50 s, attempt 4 (POST /accounts/" + ACCOUNT + "/tokens)",
                        "rate limited by Cloudflare, waiting 50 s, attempt 5 (POST /accounts/" + ACCOUNT + "/tokens)",
                        "rate limited by Cloudflare, waiting 50 s, attempt 6 (POST /accounts/" + ACCOUNT + "/tokens)");
    }

    @Test
    void theRateLimitWaitIsConfigurable() {
        Cloudflare patient = MockCloudflare.client(server, time)
                .retryPolicy(RetryPolicy.defaults().withMaxRateLimitWait(Duration.ofSeconds(25)))
                .build();
        for (int i = 0; i < 3; i++) {
            server.enqueue(tooManyRequests("retry-after", "10"));
        }
        server.enqueue(ok(tokenJson("abc", "n")));

        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class, () -> patient.accountTokens().get("abc"));

        // 10 s, 10 s, and a third wait would end at 30 s, beyond the 25 s allowed.
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.getMessage()).contains("beyond the 25 s");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThatThrownBy(() -> RetryPolicy.defaults().withMaxRateLimitWait(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-1S");
    }

    @Test
    void serverErrorsOnGetBackOffExponentiallyWithJitter() {
        server.enqueue(error(502, 1000, "bad gateway"));
        server.enqueue(error(503, 1000, "unavailable"));
        server.enqueue(ok(tokenJson("abc", "n")));

        assertThat(cloudflare.accountTokens().get("abc").id()).isEqualTo("abc");
        assertThat(time.sleeps).hasSize(2);
        assertThat(time.sleeps.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(time.sleeps.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void attemptsAreBounded() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(error(503, 1000, "unavailable"));
        }
        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class, () -> cloudflare.accountTokens().get("abc"));
        assertThat(e.status()).isEqualTo(503);
        assertThat(server.getRequestCount()).isEqualTo(RetryPolicy.defaults().maxAttempts());
    }

    @Test
    void totalTimeIsBounded() {
        Cloudflare impatient = MockCloudflare.client(server, time)
                .retryPolicy(new RetryPolicy(100, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(4)))
                .build();
        for (int i = 0; i < 20; i++) {
            server.enqueue(error(500, 1000, "internal"));
        }
        LeakScan.caught(
                CloudflareApiException.class, () -> impatient.accountTokens().get("abc"));
        Duration slept = time.sleeps.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(slept).isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(server.getRequestCount()).isLessThan(20);
    }

    @Test
    void postWithServerErrorIsOutcomeUnknownAndNotRepeated() {
        server.enqueue(error(502, 1000, "bad gateway"));
        server.enqueue(ok(CREATED));

        CloudflareOutcomeUnknownException e = LeakScan.caught(
                CloudflareOutcomeUnknownException.class,
                () -> cloudflare.accountTokens().create(SPEC));

        assertThat(e.method()).isEqualTo("POST");
        assertThat(e.path()).isEqualTo("/accounts/" + MockCloudflare.ACCOUNT + "/tokens");
        assertThat(e.getMessage()).contains("HTTP 502", "look up");
        assertThat(e.getCause()).isInstanceOf(CloudflareApiException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void postWhoseConnectionDropsAfterSendingIsOutcomeUnknown() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());
        server.enqueue(ok(CREATED));

        CloudflareOutcomeUnknownException e = LeakScan.caught(
                CloudflareOutcomeUnknownException.class,
                () -> cloudflare.accountTokens().create(SPEC));

        assertThat(e.getMessage()).contains("POST", "lost its connection");
        // Neither cftokens nor OkHttp's own connection retry sent the create a second time.
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getMethod()).isEqualTo("POST");
        assertThat(server.takeRequest(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void getWhoseConnectionDropsIsRetried() {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());
        server.enqueue(ok(tokenJson("abc", "n")));
        assertThat(cloudflare.accountTokens().get("abc").id()).isEqualTo("abc");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void slowAnswersPastTheReadTimeoutFailAfterTheAttempts() {
        Cloudflare quick = MockCloudflare.client(server, time)
                .readTimeout(Duration.ofMillis(200))
                .retryPolicy(new RetryPolicy(2, Duration.ofMinutes(1), Duration.ofMillis(10), Duration.ofMillis(10)))
                .build();
        for (int i = 0; i < 2; i++) {
            server.enqueue(ok(tokenJson("abc", "n"))
                    .newBuilder()
                    .headersDelay(2, TimeUnit.SECONDS)
                    .build());
        }

        CloudflareException e = LeakScan.caught(
                CloudflareException.class, () -> quick.accountTokens().get("abc"));

        assertThat(e).isExactlyInstanceOf(CloudflareException.class);
        assertThat(e.getMessage()).contains("GET /accounts/", "failed after 2 attempts", "timed out");
        assertThat(e.getCause()).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void slowAnswerToPostIsOutcomeUnknown() {
        Cloudflare quick = MockCloudflare.client(server, time)
                .readTimeout(Duration.ofMillis(200))
                .build();
        server.enqueue(
                ok(CREATED).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
        CloudflareOutcomeUnknownException e = LeakScan.caught(
                CloudflareOutcomeUnknownException.class,
                () -> quick.accountTokens().create(SPEC));
        assertThat(e.getCause()).isInstanceOf(SocketTimeoutException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void postThatCannotConnectIsRetriedBecauseNothingWasSent() {
        MockWebServer dead = MockCloudflare.start();
        String deadUrl = MockCloudflare.baseUrl(dead);
        dead.close();
        Cloudflare unreachable = Cloudflare.builder()
                .baseUrl(deadUrl)
                .apiToken(MockCloudflare.API_TOKEN)
                .accountId(MockCloudflare.ACCOUNT)
                .rateLimit(RateLimit.unlimited())
                .timeSource(time)
                .build();

        CloudflareException e = LeakScan.caught(
                CloudflareException.class, () -> unreachable.accountTokens().create(SPEC));

        assertThat(e).isExactlyInstanceOf(CloudflareException.class);
        assertThat(e.getMessage()).contains("POST", "failed after 4 attempts");
        assertThat(time.sleeps).hasSize(3);
    }

    @Test
    void clientSideRateLimitSpacesRequests() {
        Cloudflare limited = MockCloudflare.client(server, time)
                .rateLimit(RateLimit.of(2, Duration.ofSeconds(10)))
                .build();
        for (int i = 0; i < 3; i++) {
            server.enqueue(ok(tokenJson("abc", "n")));
        }
        limited.accountTokens().get("abc");
        limited.accountTokens().get("abc");
        assertThat(time.sleeps).isEmpty();
        limited.accountTokens().get("abc");
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void deleteRepeatedAfterALostAnswerTreatsNoSuchTokenAsDone() {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());
        server.enqueue(error(400, 1001, "token_id: no such token"));

        cloudflare.accountTokens().delete("abc");

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void deleteOfAnUnknownTokenAtTheFirstAttemptIsAnError() {
        server.enqueue(error(400, 1001, "token_id: no such token"));
        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class, () -> cloudflare.accountTokens().delete("abc"));
        assertThat(e.repeated()).isFalse();
        assertThat(e.getMessage()).doesNotContain("repeat");
    }

    @Test
    void failureAfterAServerErrorIsMarkedAsAnswerToARepeat() {
        server.enqueue(error(503, 1000, "unavailable"));
        server.enqueue(error(403, 9109, "Unauthorized to access requested resource"));
        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class, () -> cloudflare.accountTokens().update("abc", SPEC));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.repeated()).isTrue();
        assertThat(e.errors()).extracting(ApiError::code).containsExactly(9109);
        assertThat(e.getMessage()).contains("[9109]", "answer to a repeat");
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String inThreeSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(3));
        server.enqueue(tooManyRequests("retry-after", inThreeSeconds));
        server.enqueue(ok(tokenJson("abc", "n")));
        cloudflare.accountTokens().get("abc");
        assertThat(time.sleeps).hasSize(1);
        assertThat(time.sleeps.get(0)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    @Test
    void garbledSuccessOfARollIsRepeatedAndTheReadableValueReturned() {
        server.enqueue(MockCloudflare.json(200, "{\"success\":true,\"errors\":[],\"result\":\"lost-valu"));
        server.enqueue(ok("\"n3w-v4lue-0123456789012345678901234567890123\""));
        assertThat(cloudflare.accountTokens().roll("abc").reveal())
                .isEqualTo("n3w-v4lue-0123456789012345678901234567890123");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    /** Records what the client logs at INFO and above while {@code action} runs. */
    private static List<String> infoLogDuring(Runnable action) {
        Logger logger = Logger.getLogger("dev.cftokens.runtime.http");
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    lines.add(record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return lines;
    }

    @Test
    void a429PausesEveryRequestOfTheClientAndLongWaitsAreLogged() {
        Cloudflare once = MockCloudflare.client(server, time)
                .retryPolicy(RetryPolicy.none())
                .build();
        server.enqueue(tooManyRequests("retry-after", "30"));
        server.enqueue(ok(tokenJson("def", "m")));

        List<String> log = infoLogDuring(() -> {
            LeakScan.caught(
                    CloudflareApiException.class, () -> once.accountTokens().get("abc"));
            assertThat(time.sleeps).isEmpty();
            // Any other request of this client (another thread's, say) waits out the ban before it is sent.
            assertThat(once.accountTokens().get("def").id()).isEqualTo("def");
        });

        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(30));
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(log).anySatisfy(line -> assertThat(line).contains("HTTP 429", "holding every request", "30 s"));
        assertThat(log).anySatisfy(line -> assertThat(line).contains("GET", "waiting 30000 ms for the rate limit"));
    }

    @Test
    void aRetryWaitsForTheRateLimitOnlyWithinTheRetryBudget() {
        // One request per 10 minutes: the retry after a 503 would wait far beyond the 120 s budget.
        Cloudflare limited = MockCloudflare.client(server, time)
                .rateLimit(RateLimit.of(1, Duration.ofMinutes(10)))
                .build();
        server.enqueue(error(503, 1000, "unavailable"));
        server.enqueue(ok(tokenJson("abc", "n")));

        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class, () -> limited.accountTokens().get("abc"));

        assertThat(e.status()).isEqualTo(503);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(time.sleeps).allSatisfy(sleep -> assertThat(sleep).isLessThan(Duration.ofSeconds(1)));
    }

    @Test
    void anAnswerSayingTheBudgetIsSpentHoldsTheNextRequestUntilItResetsWithoutA429() {
        // Another process spent the token's budget: the answer still succeeds, but says none is left.
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .headers(Headers.of(
                        "Content-Type", "application/json", "x-ratelimit-remaining", "0", "x-ratelimit-reset", "42"))
                .body("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + tokenJson("abc", "n") + "}")
                .build());
        server.enqueue(ok(tokenJson("def", "m")));

        assertThat(cloudflare.accountTokens().get("abc").id()).isEqualTo("abc");
        assertThat(time.sleeps).isEmpty();
        assertThat(cloudflare.accountTokens().get("def").id()).isEqualTo("def");

        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(42));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anAnswerWithBudgetLeftHoldsNothing() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .headers(Headers.of(
                        "Content-Type", "application/json", "x-ratelimit-remaining", "5", "x-ratelimit-reset", "42"))
                .body("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + tokenJson("abc", "n") + "}")
                .build());
        server.enqueue(ok(tokenJson("def", "m")));

        cloudflare.accountTokens().get("abc");
        cloudflare.accountTokens().get("def");

        assertThat(time.sleeps).isEmpty();
    }
}
