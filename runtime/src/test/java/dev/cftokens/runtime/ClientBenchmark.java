package dev.cftokens.runtime;

import dev.cftokens.core.catalog.Scope;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.PolicySpec;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.runtime.internal.http.RateLimiterProbe;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Benchmark main (not a test): the client's cost per request against the in-process emulator, paging,
 * and the rate limiter's bookkeeping. Prints the median of several runs of each.
 *
 * <p>Run: {@code java -cp <runtime test class path> dev.cftokens.runtime.ClientBenchmark}
 */
public final class ClientBenchmark {
    private static final int RUNS = 7;

    private ClientBenchmark() {}

    public static void main(String[] args) {
        try (CloudflareEmulator emulator = CloudflareEmulator.start()) {
            Cloudflare cloudflare = Cloudflare.builder()
                    .baseUrl(emulator.baseUrl())
                    .apiToken(emulator.adminToken())
                    .accountId(emulator.accountId())
                    .rateLimit(RateLimit.unlimited())
                    .build();
            String zoneRead = emulator.catalog()
                    .byNameAndScope("Zone Read", Scope.ZONE)
                    .orElseThrow()
                    .id();
            TokenSpec spec = new TokenSpec(
                    "bench",
                    Set.of(new PolicySpec(
                            PolicyEffect.ALLOW,
                            Set.of(zoneRead),
                            Set.of(ResourceGrant.all("com.cloudflare.api.account.zone.*")))),
                    null,
                    null,
                    null);
            String id = cloudflare.accountTokens().create(spec).token().id();

            report("GET token (one request)", "us/request", () -> {
                long start = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    cloudflare.accountTokens().get(id);
                }
                return (System.nanoTime() - start) / 200 / 1000;
            });
            report("POST create token", "us/request", () -> {
                long start = System.nanoTime();
                for (int i = 0; i < 50; i++) {
                    cloudflare.accountTokens().create(spec);
                }
                return (System.nanoTime() - start) / 50 / 1000;
            });
            while (cloudflare.accountTokens().list().count() < 500) {
                cloudflare.accountTokens().create(spec);
            }
            report("list 500 tokens (10 pages of 50)", "ms/list", () -> {
                long start = System.nanoTime();
                long count = cloudflare.accountTokens().list().count();
                if (count < 500) {
                    throw new AssertionError(count);
                }
                return (System.nanoTime() - start) / 1_000_000;
            });
            report("list, first token only (1 page)", "us/call", () -> {
                long start = System.nanoTime();
                cloudflare.accountTokens().list().findFirst().orElseThrow();
                return (System.nanoTime() - start) / 1000;
            });
        }
        report("rate limiter bookkeeping (Cloudflare default, 1M grants)", "ns/grant", () -> {
            dev.cftokens.runtime.internal.http.TimeSource never = new dev.cftokens.runtime.internal.http.TimeSource() {
                long now;

                @Override
                public long nanoTime() {
                    return now += 1_000_000_000L; // a second apart: never waits, measures only the bookkeeping
                }

                @Override
                public void sleep(java.time.Duration duration) {}
            };
            return RateLimiterProbe.nanosPerGrant(never, 1_000_000);
        });
    }

    private static void report(String what, String unit, LongSupplier run) {
        run.getAsLong(); // warm-up
        long[] results = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            results[i] = run.getAsLong();
        }
        Arrays.sort(results);
        System.out.printf(
                Locale.ROOT,
                "%-58s median %6d %s (min %d, max %d, %d runs)%n",
                what,
                results[RUNS / 2],
                unit,
                results[0],
                results[RUNS - 1],
                RUNS);
    }
}
