package dev.cftokens.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatorOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client-side limit keeps a client under a server's limit, which it would otherwise hit. */
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
    void withoutAClientLimitTheServerRefuses() {
        Cloudflare unlimited = client(RateLimit.unlimited());
        CloudflareApiException e = LeakScan.caught(CloudflareApiException.class, () -> {
            for (int i = 0; i < 12; i++) {
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
