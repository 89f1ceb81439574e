package dev.cftokens.core.rules;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * How long the rules take per value, to show they cost nothing next to javac or an HTTP round trip.
 * Parses 100,000 varied resource keys, CIDRs and timestamps per run and prints the median of 5 timed
 * runs (after 5 warm-up runs) in nanoseconds per value. A main, not a test: timings do not belong in
 * the build's pass/fail.
 *
 * <p>Run: {@code mvn -q -o test-compile -pl core -am && java -cp core/target/classes:core/target/test-classes
 * dev.cftokens.core.rules.RulesBenchmark}
 */
public final class RulesBenchmark {
    private static final int VALUES = 100_000;
    private static final int WARMUPS = 5;
    private static final int RUNS = 5;

    private RulesBenchmark() {}

    public static void main(String[] args) {
        String[] keys = new String[VALUES];
        String[] cidrs = new String[VALUES];
        String[] timestamps = new String[VALUES];
        for (int i = 0; i < VALUES; i++) {
            String hex = String.format(Locale.ROOT, "%032x", (long) i * 0x9E3779B97F4A7C15L);
            switch (i % 6) {
                case 0:
                    keys[i] = "com.cloudflare.api.account.zone." + hex;
                    break;
                case 1:
                    keys[i] = "com.cloudflare.api.account." + hex;
                    break;
                case 2:
                    keys[i] = "com.cloudflare.api.account.zone.*";
                    break;
                case 3:
                    keys[i] = "com.cloudflare.edge.r2.bucket." + hex + "_default_bucket-" + i;
                    break;
                case 4:
                    keys[i] = "com.cloudflare.api.account.zone.{zone" + i + "}";
                    break;
                default:
                    keys[i] = "com.cloudflare.api.user." + hex;
            }
            cidrs[i] = i % 2 == 0
                    ? (i >>> 16 & 0xff) + "." + (i >>> 8 & 0xff) + "." + (i & 0xff) + ".0/24"
                    : "2001:db8:" + Integer.toHexString(i & 0xffff) + "::/48";
            timestamps[i] = Timestamps.format(Instant.ofEpochSecond(1_700_000_000L + i * 7919L));
        }

        report(
                "resource key",
                keys,
                key -> ResourceKey.parse(key, KeyForm.DECLARED).hashCode());
        report("CIDR", cidrs, cidr -> Cidr.parse(cidr).prefixLength());
        report("timestamp", timestamps, timestamp ->
                (int) Timestamps.parse(timestamp).getEpochSecond());
    }

    private static void report(String what, String[] values, ToIntFunction<String> parse) {
        long[] nanosPerValue = new long[RUNS];
        int sink = 0;
        for (int run = 0; run < WARMUPS + RUNS; run++) {
            long start = System.nanoTime();
            for (String value : values) {
                sink += parse.applyAsInt(value);
            }
            long elapsed = System.nanoTime() - start;
            if (run >= WARMUPS) {
                nanosPerValue[run - WARMUPS] = elapsed / values.length;
            }
        }
        Arrays.sort(nanosPerValue);
        // Printing the sink keeps the JIT from dropping the work.
        System.out.printf(
                Locale.ROOT,
                "%-13s median %5d ns/op over %d runs of %,d (runs %s) [%d]%n",
                what,
                nanosPerValue[RUNS / 2],
                RUNS,
                values.length,
                Arrays.toString(nanosPerValue),
                sink & 1);
    }
}
