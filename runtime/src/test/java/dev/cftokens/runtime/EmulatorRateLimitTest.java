package dev.cftokens.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatorOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client-side limit keeps a client under a server's limit; without one, the server's x-ratelimit headers
 * do, as far as they can see.
 */
@ExtendWith(LeakScan.class)
@LeakScan.ExpectsRequestLog
class EmulatorRateLimitTest {
    // The server allows 5 requests per fixed 500 ms window.
    private final CloudflareEmulator emulator = CloudflareEmulator.start(EmulatorOptions.builder()
            .rateLimit(new dev.cftokens.emulator.EmulatedRateLimit(5, Duration.ofMillis(500)))
            .build());

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Cloudflare client(RateLimit limit) {
        // No retries: a single 429 fails the call, so success means Cloudflare never had to refuse.
        return Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .apiToken(emulator.adminToken())
                .accountId(emulator.accountId())
                .retryPolicy(RetryPolicy.none())
                .rateLimit(limit)
                .build();
    }

    @Test
    void withoutAClientLimitTheServersRateLimitHeadersHoldItBackBeforeA429() {
        // The emulator's answers carry x-ratelimit-remaining and -reset: once none remain, the client holds its
        // next request until the window resets instead of earning the 429 it would get by sending it.
        Cloudflare unlimited = client(RateLimit.unlimited());
        long start = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            unlimited.userTokens().verify();
        }
        // 12 requests at 5 per window: two holds for a reset.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void aServerThatStillRefusesIsReportedAs429() {
        // Another client spends the window's budget between this client's answers: its headers said there was
        // budget left, so only the 429 tells, and with no retries the call fails with it.
        Cloudflare unlimited = client(RateLimit.unlimited());
        Cloudflare other = client(RateLimit.unlimited());
        unlimited.userTokens().verify();
        CloudflareApiException e = LeakScan.caught(CloudflareApiException.class, () -> {
            for (int i = 0; i < 12; i++) {
                other.userTokens().verify();
                unlimited.userTokens().verify();
            }
        });
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.hasErrorCode(971)).isTrue();
    }

    @Test
    void aMatchingClientLimitNeverEarnsA429() {
        // Twice as strict as the server (1 s, not 500 ms): the server's window starts when the first request
        // arrives, which on a loaded machine can be long after the client counted it (first connection, cold
        // code), and a window only 100 ms longer let a sixth request into the server's first window.
        Cloudflare limited = client(RateLimit.of(5, Duration.ofMillis(1000)));
        long start = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            limited.userTokens().verify();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(2000));
    }
}
