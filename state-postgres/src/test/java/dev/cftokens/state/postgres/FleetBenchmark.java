package dev.cftokens.state.postgres;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatorOptions;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.state.StateKey;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * N instances of a service (processes running {@link InstanceMain}) start at once against an emulator
 * answering after 50 ms, sharing one PostgreSQL state: how long until every instance holds a working
 * value, and how many requests and writes the fleet made. Prints the median of several rounds, each on a
 * fresh emulator and schema.
 *
 * <pre>mvn -q test -pl state-postgres -am -DskipTests -Pfleet-benchmark [-Dbenchmark.args="20 5"]</pre>
 *
 * Arguments: instances (default 20), rounds (default 5).
 */
public final class FleetBenchmark {
    private FleetBenchmark() {}

    /** One instance's report. */
    private record Instance(String tokenId, long provisionMillis, long readyAt) {}

    /** One round's figures. */
    private record Round(
            double firstReady,
            double lastReady,
            double slowestProvision,
            long creates,
            long writes,
            double perFollower) {}

    public static void main(String[] args) throws Exception {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        StateKey key = StateKey.generate();
        Database.server();
        System.out.printf(
                Locale.ROOT,
                "%d instances at once, emulator latency 50 ms, one PostgreSQL, %d rounds%n",
                instances,
                rounds);
        List<Round> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Round result = round(instances, key, "bench_" + round + "_" + System.nanoTime() % 100000);
            results.add(result);
            System.out.printf(
                    Locale.ROOT,
                    "round %d: first ready %.2f s, last ready %.2f s, slowest provision() %.2f s, creates %d, writes %d,"
                            + " requests per instance after the first %.2f%n",
                    round,
                    result.firstReady(),
                    result.lastReady(),
                    result.slowestProvision(),
                    result.creates(),
                    result.writes(),
                    result.perFollower());
        }
        System.out.printf(
                Locale.ROOT,
                "median: first ready %.2f s, last ready %.2f s (spread %.2f s), slowest provision() %.2f s,"
                        + " requests per follower %.2f, creates %d%n",
                median(results, Round::firstReady),
                median(results, Round::lastReady),
                median(results, round -> round.lastReady() - round.firstReady()),
                median(results, Round::slowestProvision),
                median(results, Round::perFollower),
                results.stream().mapToLong(Round::creates).max().orElse(0));
        System.exit(0);
    }

    private static Round round(int count, StateKey key, String schema) throws Exception {
        try (CloudflareEmulator emulator = CloudflareEmulator.start(
                EmulatorOptions.builder().latency(Duration.ofMillis(50)).build())) {
            Path dir = Files.createTempDirectory("cftokens-fleet");
            long launched = System.currentTimeMillis();
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                processes.add(start(emulator, key, schema, dir));
            }
            List<Instance> reports = new ArrayList<>();
            for (Process process : processes) {
                reports.add(report(process));
            }
            long firstReady =
                    reports.stream().mapToLong(Instance::readyAt).min().orElseThrow();
            long lastReady = reports.stream().mapToLong(Instance::readyAt).max().orElseThrow();
            long distinct = reports.stream().map(Instance::tokenId).distinct().count();
            if (distinct != 1) {
                throw new IllegalStateException("the instances hold " + distinct + " different tokens");
            }
            long creates = emulator.requestCount(RequestKind.CREATE_TOKEN);
            long writes =
                    emulator.requestCount("POST") + emulator.requestCount("PUT") + emulator.requestCount("DELETE");
            // Every instance verifies its value once after provisioning (GET .../tokens/verify): not provisioning.
            long provisioning = emulator.requestCount() - count;
            long first = provisioningRequestsOfTheCreator(emulator);
            double perFollower = (double) (provisioning - first) / (count - 1);
            return new Round(
                    (firstReady - launched) / 1000.0,
                    (lastReady - launched) / 1000.0,
                    reports.stream().mapToLong(Instance::provisionMillis).max().orElseThrow() / 1000.0,
                    creates,
                    writes,
                    perFollower);
        }
    }

    /** The creator lists its tokens, reads the live permission groups and creates: three requests. */
    private static long provisioningRequestsOfTheCreator(CloudflareEmulator emulator) {
        return emulator.requestCount(RequestKind.CREATE_TOKEN)
                + emulator.requestCount(RequestKind.LIST_PERMISSION_GROUPS)
                + 1;
    }

    private static Process start(CloudflareEmulator emulator, StateKey key, String schema, Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        InstanceMain.class.getName())
                .directory(dir.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("CLOUDFLARE_BASE_URL", emulator.baseUrl());
        environment.put("CLOUDFLARE_API_TOKEN", emulator.adminToken());
        environment.put("CLOUDFLARE_ACCOUNT_ID", emulator.accountId());
        environment.put("CFTOKENS_STATE", Database.url() + "&currentSchema=" + schema);
        environment.put("CFTOKENS_KEY", key.toBase64());
        environment.remove("CFTOKENS_PASSPHRASE");
        return builder.start();
    }

    private static Instance report(Process process) throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(lines::add);
        }
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("an instance failed:\n" + String.join("\n", lines));
        }
        String[] words = lines.get(lines.size() - 1).split(" ");
        return new Instance(words[1], Long.parseLong(words[5]), Long.parseLong(words[7]));
    }

    private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> figure) {
        List<Double> values = new ArrayList<>();
        rounds.forEach(round -> values.add(figure.applyAsDouble(round)));
        Collections.sort(values);
        return values.get(values.size() / 2);
    }
}
