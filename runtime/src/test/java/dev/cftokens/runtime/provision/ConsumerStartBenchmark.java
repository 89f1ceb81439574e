package dev.cftokens.runtime.provision;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.Fault;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.state.InMemoryStateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark main (not a test): a service's start against a state CI applied, with the minting credential
 * (provision mode: one listing confirms the tokens) and without it (consume mode: each token verifies
 * itself), side by side in one run. Each request to the emulator waits {@code latency} ms, standing in for
 * the round trip to Cloudflare. Prints the median of several starts of each and the requests one start
 * sends.
 *
 * <p>Run: {@code mvn -q -o test -pl runtime -am -DskipTests -Pbenchmark
 * -Dbenchmark.main=dev.cftokens.runtime.provision.ConsumerStartBenchmark -Dbenchmark.args="3 40 9"}
 * (tokens, latency in ms, starts).
 */
public final class ConsumerStartBenchmark {
    private ConsumerStartBenchmark() {}

    public static void main(String[] args) {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int latency = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int starts = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        try (CloudflareEmulator emulator = CloudflareEmulator.start()) {
            List<TokenProvisioner<?>> declarations = new ArrayList<>();
            for (int i = 0; i < tokens; i++) {
                declarations.add(HandMadeProvisioner.zoneReader("service-token-" + i));
            }
            InMemoryStateStore state = InMemoryStateStore.withValues();
            Cloudflare minting = EmulatedCloudflare.client(emulator);
            Cloudflare none = Cloudflare.builder()
                    .baseUrl(emulator.baseUrl())
                    .accountId(emulator.accountId())
                    .build();
            Provisioning.with(minting)
                    .stateStore(state)
                    .output(ProvisioningOutput.silent())
                    .apply(declarations);
            emulator.injectFault(Fault.latency(Duration.ofMillis(latency)));

            Start provision = new Start("with the minting credential (provision)");
            Start consume = new Start("without it (consume)");
            for (int run = 0; run < starts + 1; run++) {
                // Alternating, so both see the same machine; the first of each warms the JVM and is dropped.
                provision.time(emulator, Provisioning.with(minting), state, declarations, run > 0);
                consume.time(emulator, Provisioning.with(none), state, declarations, run > 0);
            }
            System.out.printf(
                    Locale.ROOT,
                    "A start of %d tokens, %d ms per request, median of %d starts:%n",
                    tokens,
                    latency,
                    starts);
            provision.print();
            consume.print();
        }
    }

    /** The starts of one mode. */
    private static final class Start {
        private final String name;
        private final List<Double> millis = new ArrayList<>();
        private Map<RequestKind, Long> requests = Map.of();

        Start(String name) {
            this.name = name;
        }

        void time(
                CloudflareEmulator emulator,
                Provisioning provisioning,
                InMemoryStateStore state,
                List<TokenProvisioner<?>> declarations,
                boolean counted) {
            emulator.resetRequestCounts();
            long started = System.nanoTime();
            provisioning
                    .stateStore(state)
                    .rotateInProcess(false)
                    .output(ProvisioningOutput.silent())
                    .provisionAll(declarations);
            double elapsed = (System.nanoTime() - started) / 1e6;
            if (counted) {
                millis.add(elapsed);
                Map<RequestKind, Long> seen = new EnumMap<>(RequestKind.class);
                for (RequestKind kind : RequestKind.values()) {
                    long count = emulator.requestCount(kind);
                    if (count > 0) {
                        seen.put(kind, count);
                    }
                }
                requests = seen;
            }
        }

        void print() {
            double[] sorted =
                    millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = sorted[sorted.length / 2];
            System.out.printf(
                    Locale.ROOT,
                    "  %-42s %7.1f ms (min %.1f, max %.1f); requests %s%n",
                    name,
                    median,
                    sorted[0],
                    sorted[sorted.length - 1],
                    requests);
            Arrays.fill(sorted, 0);
        }
    }
}
