package dev.cftokens.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Token creations per second over real HTTP (java.net.http, HTTP/1.1, keep-alive), no added latency. Each
 * round creates 500 account-owned tokens (Cloudflare's quota) from several client threads and is timed;
 * the tokens are then deleted, untimed. Prints every round and the median.
 *
 * <p>Options: {@code --rounds N} (10), {@code --clients N} (4), and {@code --base-url URL --token T
 * --account-id ID} to measure a standalone emulator (for example one pinned to a core with {@code
 * taskset}) instead of an in-process one. Commands are in {@code emulator/BENCHMARK.md}.
 */
public final class EmulatorBenchmark {
    private static final int TOKENS_PER_ROUND = 500;
    private static final int WARMUP_ROUNDS = 6;

    private EmulatorBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "10"));
        int clients = Integer.parseInt(options.getOrDefault("--clients", "4"));
        CloudflareEmulator inProcess = options.containsKey("--base-url") ? null : CloudflareEmulator.start();
        String baseUrl = inProcess != null ? inProcess.baseUrl() : options.get("--base-url");
        String token = inProcess != null ? inProcess.adminToken() : options.get("--token");
        String accountId = inProcess != null ? inProcess.accountId() : options.get("--account-id");
        System.out.println("emulator: " + (inProcess != null ? "in-process" : baseUrl));
        ObjectMapper json = new ObjectMapper();
        try {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String tokens = baseUrl + "/accounts/" + accountId + "/tokens";
            String body = "{\"name\": \"bench\", \"policies\": [{\"effect\": \"allow\", \"permission_groups\": "
                    + "[{\"id\": \"c8fed203ed3043cba015a93ad1616f1f\"}, {\"id\": \"9c88f9c5bce24ce7af9a958ba9c504db\"}], "
                    + "\"resources\": {\"com.cloudflare.api.account.zone.*\": \"*\"}}]}";
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Double> rates = new ArrayList<>();
            System.out.printf(
                    "cores available: %d, client threads: %d, tokens per round: %d%n",
                    Runtime.getRuntime().availableProcessors(), clients, TOKENS_PER_ROUND);
            for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
                AtomicInteger remaining = new AtomicInteger(TOKENS_PER_ROUND);
                List<String> ids = Collections.synchronizedList(new ArrayList<>());
                long start = System.nanoTime();
                List<Future<?>> workers = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    workers.add(pool.submit(() -> {
                        while (remaining.getAndDecrement() > 0) {
                            HttpResponse<String> response = http.send(
                                    HttpRequest.newBuilder(URI.create(tokens))
                                            .header("Authorization", "Bearer " + token)
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofString(body))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 200) {
                                throw new IllegalStateException(
                                        "create answered " + response.statusCode() + ": " + response.body());
                            }
                            JsonNode created = json.readTree(response.body());
                            ids.add(created.path("result").path("id").asText());
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = TOKENS_PER_ROUND / seconds;
                boolean warmup = round < WARMUP_ROUNDS;
                System.out.printf("%s %2d: %6.0f creations/s%n", warmup ? "warm-up" : "round  ", round + 1, rate);
                if (!warmup) {
                    rates.add(rate);
                }
                for (String id : ids) {
                    http.send(
                            HttpRequest.newBuilder(URI.create(tokens + "/" + id))
                                    .header("Authorization", "Bearer " + token)
                                    .DELETE()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            }
            pool.shutdown();
            Collections.sort(rates);
            double median = rates.size() % 2 == 1
                    ? rates.get(rates.size() / 2)
                    : (rates.get(rates.size() / 2 - 1) + rates.get(rates.size() / 2)) / 2;
            System.out.printf(
                    "median: %.0f token creations/s over %d rounds (min %.0f, max %.0f)%n",
                    median, rates.size(), rates.get(0), rates.get(rates.size() - 1));
        } finally {
            if (inProcess != null) {
                inProcess.close();
            }
        }
    }
}
