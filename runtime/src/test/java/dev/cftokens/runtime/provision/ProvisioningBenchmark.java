package dev.cftokens.runtime.provision;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatorOptions;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.state.FileStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Apply 200 declarations from nothing, re-apply with no change, destroy; against the emulator with a
 * fixed latency per request. Not a test: run it as a main and read the medians.
 *
 * <p>Arguments (all optional): declarations (200), runs (5), latency in ms (50), parallelism (8).
 */
public final class ProvisioningBenchmark {
  private ProvisioningBenchmark() {}

  /** One run's figures. */
  private record Run(double applySeconds, long applyRequests, long creates, long permissionChecks,
      double noChangeSeconds, long noChangeRequests, long noChangeWrites,
      double destroySeconds, long destroyRequests) {}

  public static void main(String[] args) throws IOException {
    int declarations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long latencyMillis = args.length > 2 ? Long.parseLong(args[2]) : 50;
    int parallelism = args.length > 3 ? Integer.parseInt(args[3]) : Provisioning.DEFAULT_PARALLELISM;
    List<HandMadeProvisioner> declared = IntStream.range(0, declarations)
        .mapToObj(i -> HandMadeProvisioner.zoneReader(String.format("bench-%04d", i)))
        .collect(Collectors.toList());

    System.out.printf(Locale.ROOT, "%d declarations, %d ms latency per request, parallelism %d, %d runs%n",
        declarations, latencyMillis, parallelism, runs);
    List<Run> results = new ArrayList<>();
    for (int run = 0; run < runs + 1; run++) {
      Run result = once(declared, latencyMillis, parallelism);
      // The first run warms the JIT and is not counted.
      if (run > 0) {
        results.add(result);
        System.out.printf(Locale.ROOT,
            "run %d: apply %.2f s (%d requests), no-change %.2f s (%d requests, %d writes), destroy %.2f s (%d requests)%n",
            run, result.applySeconds(), result.applyRequests(), result.noChangeSeconds(),
            result.noChangeRequests(), result.noChangeWrites(), result.destroySeconds(), result.destroyRequests());
      }
    }

    double apply = median(results, Run::applySeconds);
    double applyRequests = median(results, Run::applyRequests);
    double noChange = median(results, Run::noChangeSeconds);
    double noChangeRequests = median(results, Run::noChangeRequests);
    double destroy = median(results, Run::destroySeconds);
    double destroyRequests = median(results, Run::destroyRequests);
    double ideal = applyRequests / parallelism * latencyMillis / 1000.0;
    double destroyIdeal = destroyRequests / parallelism * latencyMillis / 1000.0;
    double perToken = (applyRequests - median(results, Run::permissionChecks)) / declarations;
    long pages = (declarations + 49) / 50;
    System.out.println();
    System.out.printf(Locale.ROOT, "median apply from nothing: %.2f s, %.0f requests"
        + " (ideal (requests / parallelism) x latency = %.2f s; ratio %.2f, target <= 2)%n",
        apply, applyRequests, ideal, apply / ideal);
    System.out.printf(Locale.ROOT, "  requests per created token beyond the permission-group check: %.3f"
        + " (%d creates + the listing; target <= 1 + listing)%n", perToken, results.get(0).creates());
    System.out.printf(Locale.ROOT, "median no-change apply: %.2f s, %.0f requests, %d writes"
        + " (target <= ceil(%d/50) + 1 = %d requests)%n",
        noChange, noChangeRequests, results.get(0).noChangeWrites(), declarations, pages + 1);
    System.out.printf(Locale.ROOT, "median destroy: %.2f s, %.0f requests (ideal %.2f s; ratio %.2f)%n",
        destroy, destroyRequests, destroyIdeal, destroy / destroyIdeal);
  }

  private static Run once(List<HandMadeProvisioner> declared, long latencyMillis, int parallelism)
      throws IOException {
    Path dir = Files.createTempDirectory("cftokens-bench");
    // A fresh emulator per run: its rate limit and counters start from zero.
    try (CloudflareEmulator emulator = CloudflareEmulator.start(EmulatorOptions.builder()
        .latency(Duration.ofMillis(latencyMillis)).threads(Math.max(16, parallelism * 2)).build())) {
      Cloudflare cloudflare = Cloudflare.builder().baseUrl(emulator.baseUrl()).accountId(emulator.accountId())
          .apiToken(emulator.adminToken()).build();
      FileStateStore store = FileStateStore.builder().path(dir.resolve("state.json")).passphrase(null).build();
      Provisioning provisioning = Provisioning.with(cloudflare).stateStore(store)
          .output(ProvisioningOutput.silent()).parallelism(parallelism);

      emulator.resetRequestCounts();
      long start = System.nanoTime();
      provisioning.apply(declared);
      double applySeconds = (System.nanoTime() - start) / 1e9;
      long applyRequests = emulator.requestCount();
      long creates = emulator.requestCount(RequestKind.CREATE_TOKEN);
      long permissionChecks = emulator.requestCount(RequestKind.LIST_PERMISSION_GROUPS);

      emulator.resetRequestCounts();
      start = System.nanoTime();
      provisioning.apply(declared);
      double noChangeSeconds = (System.nanoTime() - start) / 1e9;
      long noChangeRequests = emulator.requestCount();
      long noChangeWrites = EmulatedCloudflare.writes(emulator);

      emulator.resetRequestCounts();
      start = System.nanoTime();
      provisioning.destroy();
      double destroySeconds = (System.nanoTime() - start) / 1e9;
      long destroyRequests = emulator.requestCount();
      return new Run(applySeconds, applyRequests, creates, permissionChecks, noChangeSeconds, noChangeRequests,
          noChangeWrites, destroySeconds, destroyRequests);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static double median(List<Run> runs, ToDoubleFunction<Run> figure) {
    double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }
}
