package dev.cftokens.runtime;

import static dev.cftokens.runtime.MockCloudflare.ACCOUNT;
import static dev.cftokens.runtime.MockCloudflare.API_TOKEN;
import static dev.cftokens.runtime.MockCloudflare.error;
import static dev.cftokens.runtime.MockCloudflare.ok;
import static dev.cftokens.runtime.MockCloudflare.page;
import static dev.cftokens.runtime.MockCloudflare.take;
import static dev.cftokens.runtime.MockCloudflare.tokenJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads against a scripted server: what they send, redirects, the call timeout, and pages listed together.
 */
class ReadsTest {
    private final MockWebServer server = MockCloudflare.start();
    private final FakeTime time = new FakeTime();
    private final Cloudflare cloudflare = MockCloudflare.client(server, time).build();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aReadSendsTheCredentialsAgentAndAcceptAndReadsTheEnvelope() {
        server.enqueue(ok(tokenJson("abc", "reader")));

        assertThat(cloudflare.accountTokens().get("abc").name()).isEqualTo("reader");

        RecordedRequest request = take(server);
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/client/v4/accounts/" + ACCOUNT + "/tokens/abc");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_TOKEN);
        assertThat(request.getHeaders().get("User-Agent")).startsWith("cftokens/");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void aReadIsRetriedAfterA503AndADroppedConnection() {
        server.enqueue(error(503, 10000, "unavailable"));
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());
        server.enqueue(ok(tokenJson("abc", "n")));

        assertThat(cloudflare.accountTokens().get("abc").id()).isEqualTo("abc");
        assertThat(server.getRequestCount()).isEqualTo(3);
        // The transport retries both the 503 and the dropped connection, a GET being safe to repeat; OkHttp's
        // own silent retry is off, so every attempt is the transport's and backs off.
        assertThat(time.sleeps).isNotEmpty();
    }

    @Test
    void aRedirectIsAnErrorNotFollowed() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(302)
                .headers(Headers.of("Location", "http://127.0.0.1:1/elsewhere"))
                .body("moved")
                .build());

        assertThatThrownBy(() -> cloudflare.accountTokens().get("abc"))
                .isInstanceOf(CloudflareApiException.class)
                .hasMessageContaining("302");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theCallTimeoutBoundsAReadThatKeepsTrickling() {
        Cloudflare bounded = MockCloudflare.client(server, time)
                .callTimeout(Duration.ofMillis(300))
                .retryPolicy(new RetryPolicy(1, Duration.ofMinutes(1), Duration.ofMillis(10), Duration.ofMillis(10)))
                .build();
        server.enqueue(ok(tokenJson("abc", "n"))
                .newBuilder()
                .throttleBody(16, 100, TimeUnit.MILLISECONDS)
                .build());

        long start = System.nanoTime();
        assertThatThrownBy(() -> bounded.accountTokens().get("abc"))
                .isExactlyInstanceOf(CloudflareException.class)
                .hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void pagesAfterTheFirstAreFetchedTogetherAndListedInOrder() {
        int total = 170;
        // Page 1 at once, the others slow enough for their requests to arrive together.
        CountingPages pages = new CountingPages(total, page -> page == 1 ? 0 : 200);
        server.setDispatcher(pages);

        List<String> ids = cloudflare.accountTokens().list().map(Token::id).collect(Collectors.toList());

        assertThat(ids)
                .containsExactlyElementsOf(
                        IntStream.range(0, total).mapToObj(i -> "t" + i).collect(Collectors.toList()));
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(pages.mostInFlight.get())
                .as("pages 2 to 4 requested together")
                .isEqualTo(3);
    }

    @Test
    void theExpectedTokensPagesAreRequestedAtOnceAndPagesPastTheEndEndTheList() {
        int total = 120; // fewer than the 200 expected: pages 4 and 5 would be empty
        CountingPages pages = new CountingPages(total, page -> 200);
        server.setDispatcher(pages);

        List<String> ids =
                cloudflare.accountTokens().list(true, 200).map(Token::id).collect(Collectors.toList());

        assertThat(ids)
                .containsExactlyElementsOf(
                        IntStream.range(0, total).mapToObj(i -> "t" + i).collect(Collectors.toList()));
        assertThat(pages.mostInFlight.get())
                .as("pages 1 to 4 requested together")
                .isEqualTo(4);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    /** Answers page n of {@code total} tokens after {@code delay.applyAsInt(n)} ms, counting requests at once. */
    private static final class CountingPages extends Dispatcher {
        private final int total;
        private final IntUnaryOperator delay;
        private final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();

        CountingPages(int total, IntUnaryOperator delay) {
            this.total = total;
            this.delay = delay;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                int page = Integer.parseInt(request.getUrl().queryParameter("page"));
                Thread.sleep(delay.applyAsInt(page));
                int from = Math.min(total, (page - 1) * 50);
                int to = Math.min(total, from + 50);
                String result = IntStream.range(from, to)
                        .mapToObj(i -> tokenJson("t" + i, "token " + i))
                        .collect(Collectors.joining(",", "[", "]"));
                return page(result, page, 50, to - from, total);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    @Test
    void aPageThatFailsFailsTheListOnTheConsumersThread() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int page = Integer.parseInt(request.getUrl().queryParameter("page"));
                return page == 3
                        ? error(403, 9109, "Unauthorized to access requested resource")
                        : page("[" + tokenJson("t" + page, "n") + "]", page, 1, 1, 4);
            }
        });

        assertThatThrownBy(() -> cloudflare.accountTokens().list().count())
                .isInstanceOf(CloudflareApiException.class)
                .hasMessageContaining("403");
    }
}
