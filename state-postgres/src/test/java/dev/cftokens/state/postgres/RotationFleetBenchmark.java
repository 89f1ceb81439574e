package dev.cftokens.state.postgres;

import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatorOptions;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.CloudflareException;
import dev.cftokens.runtime.Declarations;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.provision.HandMadeProvisioner;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.provision.RotationRequest;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.TokenRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;

/**
 * A fleet of K instances (threads, each with a {@link PostgresStateStore} and a small pool of its own, on
 * one PostgreSQL and one emulator answering after 20 ms) holding live handles of the same rotating token
 * (refresh interval {@code PT2S}), each verifying its {@code value()} against the emulator every 250 ms,
 * through scheduled rotations (the emulator's clock and the runtime's moved past the generation's {@code
 * every}; an instance rotates) and forced ones ({@code rotate --now} from a separate CI provisioning, and one
 * {@code --revoke-previous}, reported apart since a revoked value fails by design until its holder
 * refreshes). Prints per rotation: the time from the successor recorded (first seen in the state or by a
 * handle) to the last instance holding it, Cloudflare requests by kind (the fleet's and CI's; every verify
 * is the benchmark's own and left out), verification failures; and the store's statements per instance per
 * minute, counted on each instance's pool ({@link CountingDataSource}: {@code execute*} calls, borrows,
 * commits). Fails when a rotation makes other than one successor, leaves more than two live tokens or does
 * not delete the previous generation.
 *
 * <p>Two limits of the set-up: the clock is moved past the overlap only once every instance holds the
 * successor, since holders are not recorded yet and the overlap alone decides the delete
 * (RotationHoldersTest in runtime); and the handles of one JVM share one refresh thread, so the fleet's
 * instances never try to rotate at the same moment here (CI's forced rotations do run beside them).
 *
 * <pre>mvn -q test -pl state-postgres -am -DskipTests -Pfleet-benchmark -Dbenchmark.main=RotationFleetBenchmark
 *     [-Dbenchmark.args="20 3 3"]</pre>
 *
 * Arguments: instances (default 20), scheduled rotations (default 3), forced rotations (default 3).
 */
public final class RotationFleetBenchmark {
    private static final String ID = "rotating-token";
    private static final RotationPolicy POLICY = RotationPolicy.parse("PT10M", "PT2M");
    private static final Duration REFRESH = Duration.ofSeconds(2);
    private static final Duration VERIFY_EVERY = Duration.ofMillis(250);
    private static final Duration QUIET = Duration.ofSeconds(30);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /**
     * Held so its level stays: the readers' "waiting for the lock" lines during a rotation are expected, and
     * they bury the figures.
     */
    private static final Logger STATE_LOG = Logger.getLogger("dev.cftokens.state");

    private RotationFleetBenchmark() {}

    /** One instance of the service: its pool, its handle, and when the handle moved to each token. */
    private record Instance(
            CountingDataSource pool,
            ProvisionedToken<HandMadeProvisioner.TestToken> token,
            Map<String, Long> movedAt) {}

    /** What a verification found, by the phase it ran in. */
    private static final class Verifications {
        final AtomicLong count = new AtomicLong();
        final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        /** Refusals the handle answered with another value after one read (valueAfterRejection). */
        final AtomicLong recovered = new AtomicLong();
        /** Refusals that stayed refusals after it: what a caller retrying once would see. */
        final AtomicLong seen = new AtomicLong();

        final List<String> examples = new CopyOnWriteArrayList<>();

        long failures(String phase) {
            AtomicLong failed = failures.get(phase);
            return failed == null ? 0 : failed.get();
        }

        void failed(String phase, String what) {
            failures.computeIfAbsent(phase, p -> new AtomicLong()).incrementAndGet();
            if (examples.size() < 10) {
                examples.add(phase + ": " + what);
            }
        }
    }

    /** One rotation's figures. */
    private record Rotation(
            String kind,
            double dueToRecorded,
            double recordedToLast,
            double retireSeconds,
            Map<RequestKind, Long> requests,
            long failures,
            int maxLiveTokens) {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int scheduled = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int forced = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        STATE_LOG.setLevel(Level.WARNING);
        StateKey key = StateKey.generate();
        String url = Database.url();
        String prefix = "rot" + System.nanoTime() % 100000 + "_";
        OkHttpClient http = new OkHttpClient();
        try (CloudflareEmulator emulator = CloudflareEmulator.start(
                EmulatorOptions.builder().latency(Duration.ofMillis(20)).build())) {
            Clock clock = emulator.clock();
            Cloudflare minting = Cloudflare.builder()
                    .baseUrl(emulator.baseUrl())
                    .accountId(emulator.accountId())
                    .apiToken(emulator.adminToken())
                    .okHttpClient(http)
                    .build();
            HandMadeProvisioner declaration = new HandMadeProvisioner(
                    HandMadeProvisioner.zoneReader(ID).declaration().withRotation(POLICY), Map.of());
            System.out.printf(
                    Locale.ROOT,
                    "%d instances, one PostgreSQL, emulator latency 20 ms; rotation every %s overlap %s (clock"
                            + " moved), refresh interval %s, each instance verifying its value every %d ms%n",
                    count,
                    POLICY.every(),
                    POLICY.overlap(),
                    REFRESH,
                    VERIFY_EVERY.toMillis());

            List<Instance> fleet = start(count, url, prefix, key, minting, clock, declaration);
            PostgresStateStore observer = store(new CountingDataSource(url, 1), prefix, key);
            Provisioning ci = Provisioning.with(minting)
                    .stateStore(store(new CountingDataSource(url, 1), prefix, key))
                    .clock(clock)
                    .rotateInProcess(false)
                    .output(ProvisioningOutput.silent());
            Verifications verifications = new Verifications();
            AtomicReference<String> phase = new AtomicReference<>("quiet");
            ScheduledExecutorService verifiers = verify(fleet, minting, verifications, phase);

            // A quiet spell first: what the handles cost the store when nothing rotates.
            List<CountingDataSource.Counts> before = counts(fleet);
            Map<String, Long> textsBefore = fleet.get(0).pool().statementsByText();
            long quietStart = System.nanoTime();
            Thread.sleep(QUIET.toMillis());
            double quietMinutes = (System.nanoTime() - quietStart) / 6e10;
            CountingDataSource.Counts quiet = total(counts(fleet), before);
            Map<String, Long> quietTexts = fleet.get(0).pool().statementsByText();
            long firstBorrows =
                    fleet.get(0).pool().counts().borrows() - before.get(0).borrows();

            long runStart = System.nanoTime();
            List<CountingDataSource.Counts> runBefore = counts(fleet);
            List<Rotation> rotations = new ArrayList<>();
            int number = 0;
            for (int i = 0; i < Math.max(scheduled, forced); i++) {
                if (i < scheduled) {
                    rotations.add(rotate(
                            ++number, "scheduled", fleet, emulator, observer, ci, declaration, verifications, phase));
                }
                if (i < forced) {
                    rotations.add(rotate(
                            ++number, "--now", fleet, emulator, observer, ci, declaration, verifications, phase));
                }
            }
            Rotation revoked = rotate(
                    ++number,
                    "--now --revoke-previous",
                    fleet,
                    emulator,
                    observer,
                    ci,
                    declaration,
                    verifications,
                    phase);
            phase.set("after");
            Thread.sleep(REFRESH.toMillis());
            verifiers.shutdownNow();
            double runMinutes = (System.nanoTime() - runStart) / 6e10;
            CountingDataSource.Counts run = total(counts(fleet), runBefore);
            check(emulator, observer);

            System.out.printf(
                    Locale.ROOT,
                    "%d verifications; failures outside --revoke-previous: %d (goal 0)%n",
                    verifications.count.get(),
                    verifications.failures.entrySet().stream()
                            .filter(entry -> !entry.getKey().contains("revoke"))
                            .mapToLong(entry -> entry.getValue().get())
                            .sum());
            verifications.examples.forEach(example -> System.out.println("  failed " + example));
            List<Rotation> measured = new ArrayList<>(rotations);
            for (String kind : List.of("scheduled", "--now")) {
                List<Rotation> ofKind = measured.stream()
                        .filter(rotation -> rotation.kind().equals(kind))
                        .toList();
                if (ofKind.isEmpty()) {
                    continue;
                }
                System.out.printf(
                        Locale.ROOT,
                        "median of %d %s: recorded -> last instance holding it %.2f s (refresh %s),"
                                + " due -> recorded %.2f s, requests per rotation %s%n",
                        ofKind.size(),
                        kind,
                        median(ofKind, Rotation::recordedToLast),
                        REFRESH,
                        median(ofKind, Rotation::dueToRecorded),
                        describeRange(ofKind));
            }
            System.out.printf(
                    Locale.ROOT,
                    "--revoke-previous: recorded -> last instance %.2f s, verification failures %d (a revoked"
                            + " value fails until its holder refreshes); after valueAfterRejection and one retry,"
                            + " %d recovered and %d still failing, over the whole run%n",
                    revoked.recordedToLast(),
                    revoked.failures(),
                    verifications.recovered.get(),
                    verifications.seen.get());
            System.out.printf(
                    Locale.ROOT,
                    "store per instance per minute: quiet %.1f statements, %.1f borrows, %.1f commits/rollbacks;"
                            + " over the %.1f min of rotations %.1f statements, %.1f borrows; physical"
                            + " connections opened per instance %.1f%n",
                    quiet.statements() / quietMinutes / count,
                    quiet.borrows() / quietMinutes / count,
                    quiet.transactionEnds() / quietMinutes / count,
                    runMinutes,
                    run.statements() / runMinutes / count,
                    run.borrows() / runMinutes / count,
                    (double) fleet.stream()
                                    .mapToLong(
                                            instance -> instance.pool().counts().opened())
                                    .sum()
                            / count);
            System.out.printf(
                    Locale.ROOT,
                    "statements per borrow of instance 1 in the quiet spell (%d borrows):%n",
                    firstBorrows);
            quietTexts.entrySet().stream()
                    .filter(entry -> entry.getValue() > textsBefore.getOrDefault(entry.getKey(), 0L))
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(entry -> System.out.printf(
                            Locale.ROOT,
                            "  %.2f %s%n",
                            (double) (entry.getValue() - textsBefore.getOrDefault(entry.getKey(), 0L)) / firstBorrows,
                            entry.getKey()));
        }
        System.exit(0);
    }

    private static PostgresStateStore store(CountingDataSource pool, String prefix, StateKey key) {
        return PostgresStateStore.builder()
                .dataSource(pool)
                .key(key)
                .tablePrefix(prefix)
                .build();
    }

    /** K instances provisioning the declaration at once, each on a store and pool of its own. */
    private static List<Instance> start(
            int count,
            String url,
            String prefix,
            StateKey key,
            Cloudflare minting,
            Clock clock,
            HandMadeProvisioner declaration)
            throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(count);
        List<Future<Instance>> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(starting.submit(() -> {
                CountingDataSource pool = new CountingDataSource(url, 2);
                Map<String, Long> movedAt = new ConcurrentHashMap<>();
                ProvisionedToken<HandMadeProvisioner.TestToken> token = Provisioning.with(minting)
                        .stateStore(store(pool, prefix, key))
                        .clock(clock)
                        .refreshInterval(REFRESH)
                        .output(ProvisioningOutput.silent())
                        .provision(declaration)
                        .onRotation(rotation -> movedAt.put(rotation.tokenId(), System.nanoTime()));
                return new Instance(pool, token, movedAt);
            }));
        }
        List<Instance> fleet = new ArrayList<>();
        for (Future<Instance> instance : started) {
            fleet.add(instance.get(5, TimeUnit.MINUTES));
        }
        starting.shutdown();
        long distinct =
                fleet.stream().map(instance -> instance.token().id()).distinct().count();
        if (distinct != 1) {
            throw new IllegalStateException("the instances started with " + distinct + " different tokens");
        }
        return fleet;
    }

    /**
     * Each instance verifies its handle's value every 250 ms with a client authenticating as it, rebuilt when
     * the value changes (as an application's {@code onRotation} would).
     */
    private static ScheduledExecutorService verify(
            List<Instance> fleet, Cloudflare minting, Verifications verifications, AtomicReference<String> phase) {
        ScheduledExecutorService verifiers = Executors.newScheduledThreadPool(Math.max(4, fleet.size() / 2));
        for (Instance instance : fleet) {
            AtomicReference<Secret> heldValue = new AtomicReference<>();
            AtomicReference<Cloudflare> client = new AtomicReference<>();
            verifiers.scheduleAtFixedRate(
                    () -> {
                        String during = phase.get();
                        Secret value = instance.token().value();
                        if (value != heldValue.get()) {
                            client.set(minting.authenticatedAs(value));
                            heldValue.set(value);
                        }
                        verifications.count.incrementAndGet();
                        try {
                            client.get().accountTokens().verify();
                        } catch (CloudflareException e) {
                            verifications.failed(during, instance.token().id() + ": " + e.getMessage());
                            // As an application would: ask the handle once, and retry once with what it gives.
                            Secret retry = instance.token().valueAfterRejection(value);
                            try {
                                if (retry.equals(value)) {
                                    throw e;
                                }
                                minting.authenticatedAs(retry).accountTokens().verify();
                                verifications.recovered.incrementAndGet();
                            } catch (RuntimeException again) {
                                verifications.seen.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            verifications.failed(during, e.toString());
                        }
                    },
                    ThreadLocalRandom.current().nextLong(VERIFY_EVERY.toMillis()),
                    VERIFY_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return verifiers;
    }

    /**
     * One rotation of {@code kind}: made due (or forced), followed by every instance, then the previous
     * generation retired (the clock moved past the overlap once every instance holds the successor).
     */
    private static Rotation rotate(
            int number,
            String kind,
            List<Instance> fleet,
            CloudflareEmulator emulator,
            PostgresStateStore observer,
            Provisioning ci,
            HandMadeProvisioner declaration,
            Verifications verifications,
            AtomicReference<String> phase)
            throws Exception {
        String label = number + " " + kind;
        phase.set(label);
        TokenRecord before = record(observer);
        String old = before.tokenId();
        Map<RequestKind, Long> requestsBefore = requests(emulator);
        int[] maxLive = {live(emulator)};
        long due = System.nanoTime();
        long seen;
        switch (kind) {
            case "scheduled" -> {
                emulator.advanceClock(POLICY.every().plusSeconds(1));
                seen = awaitRecorded(observer, old, fleet, emulator, maxLive);
            }
            case "--now", "--now --revoke-previous" -> {
                ci.rotate(
                        () -> new Declarations.Found(List.of(declaration), List.of(), Map.of()),
                        new RotationRequest(Set.of(ID), kind.contains("revoke")));
                seen = Math.min(
                        System.nanoTime(), earliestMove(fleet, record(observer).tokenId()));
            }
            default -> throw new IllegalArgumentException(kind);
        }
        String successor = record(observer).tokenId();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!fleet.stream().allMatch(instance -> instance.token().id().equals(successor))) {
            maxLive[0] = Math.max(maxLive[0], live(emulator));
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(label + ": not every instance holds " + successor + " after "
                        + PATIENCE + "; "
                        + fleet.stream()
                                .filter(instance -> !instance.token().id().equals(successor))
                                .count()
                        + " do not");
            }
            Thread.sleep(10);
        }
        long recorded = Math.min(seen, earliestMove(fleet, successor));
        long last = fleet.stream()
                .mapToLong(instance -> instance.movedAt().getOrDefault(successor, recorded))
                .max()
                .orElseThrow();

        long retireStart = System.nanoTime();
        if (!kind.contains("revoke")) {
            emulator.advanceClock(POLICY.overlap().plusSeconds(1));
        }
        while (record(observer).previous() != null
                || emulator.tokens().stream().anyMatch(token -> token.id().equals(old))) {
            maxLive[0] = Math.max(maxLive[0], live(emulator));
            if (System.nanoTime() - retireStart > PATIENCE.toNanos()) {
                throw new IllegalStateException(label + ": the previous generation " + old + " is not deleted "
                        + PATIENCE + " after its overlap; recorded previous: "
                        + record(observer).previous());
            }
            Thread.sleep(10);
        }
        double retireSeconds = (System.nanoTime() - retireStart) / 1e9;
        // In-flight verifications of the old value belong to this rotation.
        Thread.sleep(VERIFY_EVERY.toMillis());
        Map<RequestKind, Long> requests = minus(requests(emulator), requestsBefore);
        Rotation rotation = new Rotation(
                kind,
                kind.equals("scheduled") ? (recorded - due) / 1e9 : 0,
                (last - recorded) / 1e9,
                retireSeconds,
                requests,
                verifications.failures(label),
                maxLive[0]);
        System.out.printf(
                Locale.ROOT,
                "rotation %d (%s): %s -> %s; %srecorded -> last instance holding it %.2f s; previous deleted"
                        + " %.2f s after the overlap; requests %s; live tokens at most %d; verification failures"
                        + " %d%n",
                number,
                kind,
                old,
                successor,
                kind.equals("scheduled")
                        ? String.format(Locale.ROOT, "due -> recorded %.2f s, ", rotation.dueToRecorded())
                        : "",
                rotation.recordedToLast(),
                retireSeconds,
                describe(requests),
                rotation.maxLiveTokens(),
                rotation.failures());
        if (requests.getOrDefault(RequestKind.CREATE_TOKEN, 0L) != 1) {
            throw new IllegalStateException(label + ": " + requests.get(RequestKind.CREATE_TOKEN) + " creates");
        }
        if (rotation.maxLiveTokens() > 2) {
            throw new IllegalStateException(label + ": " + rotation.maxLiveTokens() + " live tokens at once");
        }
        return rotation;
    }

    /** Polls the state until it records a token other than {@code old}; when it was seen or the first move. */
    private static long awaitRecorded(
            PostgresStateStore observer, String old, List<Instance> fleet, CloudflareEmulator emulator, int[] maxLive)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            String recorded = record(observer).tokenId();
            if (!recorded.equals(old)) {
                return Math.min(System.nanoTime(), earliestMove(fleet, recorded));
            }
            maxLive[0] = Math.max(maxLive[0], live(emulator));
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no instance rotated " + PATIENCE + " after the generation was due");
            }
            Thread.sleep(20);
        }
    }

    private static long earliestMove(List<Instance> fleet, String tokenId) {
        return fleet.stream()
                .map(instance -> instance.movedAt().get(tokenId))
                .filter(at -> at != null)
                .mapToLong(Long::longValue)
                .min()
                .orElse(Long.MAX_VALUE);
    }

    private static TokenRecord record(PostgresStateStore observer) {
        try (StateSession state = observer.openForReading(Set.of(ID))) {
            return state.record(ID).orElseThrow();
        }
    }

    /** The emulator's tokens other than its admin token. */
    private static int live(CloudflareEmulator emulator) {
        return (int) emulator.tokens().stream()
                .filter(token -> !token.id().equals(emulator.adminTokenId()))
                .count();
    }

    /** At the end: one token, the recorded one, and no previous generation. */
    private static void check(CloudflareEmulator emulator, PostgresStateStore observer) {
        TokenRecord record = record(observer);
        List<String> left = emulator.tokens().stream()
                .map(token -> token.id())
                .filter(id -> !id.equals(emulator.adminTokenId()))
                .toList();
        if (!left.equals(List.of(record.tokenId())) || record.previous() != null) {
            throw new IllegalStateException("left in Cloudflare " + left + ", recorded " + record);
        }
    }

    /** Cloudflare requests by kind, but the verifications: every one is the benchmark's (provision mode). */
    private static Map<RequestKind, Long> requests(CloudflareEmulator emulator) {
        Map<RequestKind, Long> counts = new EnumMap<>(RequestKind.class);
        for (RequestKind kind : RequestKind.values()) {
            if (kind != RequestKind.VERIFY_TOKEN) {
                counts.put(kind, emulator.requestCount(kind));
            }
        }
        return counts;
    }

    private static Map<RequestKind, Long> minus(Map<RequestKind, Long> after, Map<RequestKind, Long> before) {
        Map<RequestKind, Long> difference = new EnumMap<>(RequestKind.class);
        after.forEach((kind, value) -> {
            long made = value - before.getOrDefault(kind, 0L);
            if (made != 0) {
                difference.put(kind, made);
            }
        });
        return difference;
    }

    private static String describe(Map<RequestKind, Long> requests) {
        return requests.isEmpty()
                ? "none"
                : requests.entrySet().stream()
                        .map(entry -> entry.getKey().name().toLowerCase(Locale.ROOT) + " " + entry.getValue())
                        .collect(Collectors.joining(", "));
    }

    /** Requests by kind over several rotations: the count, or its range when they differ. */
    private static String describeRange(List<Rotation> rotations) {
        Map<RequestKind, List<Long>> byKind = new EnumMap<>(RequestKind.class);
        for (RequestKind kind : RequestKind.values()) {
            List<Long> made = rotations.stream()
                    .map(rotation -> rotation.requests().getOrDefault(kind, 0L))
                    .sorted()
                    .toList();
            if (made.get(made.size() - 1) > 0) {
                byKind.put(kind, made);
            }
        }
        return byKind.entrySet().stream()
                .map(entry -> {
                    long least = entry.getValue().get(0);
                    long most = entry.getValue().get(entry.getValue().size() - 1);
                    return entry.getKey().name().toLowerCase(Locale.ROOT) + " "
                            + (least == most ? least : least + "-" + most);
                })
                .collect(Collectors.joining(", "));
    }

    private static List<CountingDataSource.Counts> counts(List<Instance> fleet) {
        return fleet.stream().map(instance -> instance.pool().counts()).toList();
    }

    private static CountingDataSource.Counts total(
            List<CountingDataSource.Counts> after, List<CountingDataSource.Counts> before) {
        long borrows = 0;
        long statements = 0;
        long ends = 0;
        long opened = 0;
        for (int i = 0; i < after.size(); i++) {
            CountingDataSource.Counts made = after.get(i).minus(before.get(i));
            borrows += made.borrows();
            statements += made.statements();
            ends += made.transactionEnds();
            opened += made.opened();
        }
        return new CountingDataSource.Counts(borrows, statements, ends, opened);
    }

    private static double median(List<Rotation> rotations, ToDoubleFunction<Rotation> figure) {
        List<Double> values = new ArrayList<>();
        rotations.forEach(rotation -> values.add(figure.applyAsDouble(rotation)));
        Collections.sort(values);
        return values.get(values.size() / 2);
    }
}
