package dev.cftokens.runtime.provision;

import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.state.FileStateStore;
import dev.cftokens.runtime.state.InMemoryStateStore;
import dev.cftokens.runtime.state.StateStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Issue 6's benchmark (a main, not a test): apply 200 declarations from nothing, re-apply with no change,
 * then destroy, against the standalone emulator (a separate JVM) answering every request after 50 ms. Each
 * measured run gets a fresh emulator process, so no run inherits another's tokens, counters or rate limit;
 * one unreported run first warms this JVM. Each phase uses a new client and engine, as a new process would, so
 * no phase is spared a request by what the one before cached. Requests are counted on the client's side by an
 * OkHttp interceptor on the {@link OkHttpClient} the client is given, retries included.
 *
 * <p>Options: {@code --declarations n} (200), {@code --runs n} (5), {@code --latency ms} (50),
 * {@code --parallelism n} (default: the engine's own choice from the rate limit and the measured round trip), {@code --in-process} (the emulator in this JVM, for
 * comparison), {@code --emulator-jar path} (start the shaded standalone jar instead of
 * {@code dev.cftokens.emulator.EmulatorMain} from this class path, which is the default because it is always the
 * emulator this build compiled), {@code --state memory} (an {@link InMemoryStateStore} instead of the state file, to
 * tell the file's cost from the rest).
 */
public final class ProvisioningBenchmark {
    private static final int PAGE_SIZE = 50;
    private static final double CLOUDFLARE_PER_SECOND = 200;

    private ProvisioningBenchmark() {}

    private record Options(
            int declarations,
            int runs,
            long latencyMillis,
            int parallelism,
            boolean inProcess,
            Path emulatorJar,
            boolean memoryState) {
        static Options parse(String[] args) {
            int declarations = 200;
            int runs = 5;
            long latencyMillis = 50;
            int parallelism = 0; // the engine's own choice
            boolean inProcess = false;
            Path emulatorJar = null;
            boolean memoryState = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--declarations" -> declarations = Integer.parseInt(value(args, ++i));
                    case "--runs" -> runs = Integer.parseInt(value(args, ++i));
                    case "--latency" -> latencyMillis = Long.parseLong(value(args, ++i));
                    case "--parallelism" -> parallelism = Integer.parseInt(value(args, ++i));
                    case "--in-process" -> inProcess = true;
                    case "--emulator-jar" -> emulatorJar = Path.of(value(args, ++i));
                    case "--state" -> memoryState = stateKind(value(args, ++i));
                    default ->
                        throw new IllegalArgumentException("unknown option \"" + args[i] + "\"; options are"
                                + " --declarations n, --runs n, --latency ms, --parallelism n, --in-process, --emulator-jar path,"
                                + " --state file|memory");
                }
            }
            return new Options(declarations, runs, latencyMillis, parallelism, inProcess, emulatorJar, memoryState);
        }

        private static boolean stateKind(String kind) {
            return switch (kind) {
                case "file" -> false;
                case "memory" -> true;
                default ->
                    throw new IllegalArgumentException("--state is \"file\" or \"memory\", not \"" + kind + "\"");
            };
        }

        private static String value(String[] args, int index) {
            if (index >= args.length) {
                throw new IllegalArgumentException(args[index - 1] + " needs a value");
            }
            return args[index];
        }

        String emulatorDescription() {
            String state = memoryState ? "; state in memory" : "; state in a file";
            if (inProcess) {
                return "the emulator in this JVM" + state;
            }
            return "the standalone emulator in its own JVM, a fresh process per run ("
                    + (emulatorJar == null ? "dev.cftokens.emulator.EmulatorMain on the test class path" : emulatorJar)
                    + ")" + state;
        }

        /** The least requests the no-change apply can make: one list page per 50 tokens, one permission check. */
        long noChangeBudget() {
            return (declarations + PAGE_SIZE - 1) / PAGE_SIZE + 1;
        }
    }

    /** Counts the requests a client sends, by what they are for, read from method and path. */
    private static final class RequestCounter implements Interceptor {
        private final LongAdder all = new LongAdder();
        private final LongAdder permissionChecks = new LongAdder();
        private final LongAdder listPages = new LongAdder();
        private final LongAdder creates = new LongAdder();
        private final LongAdder writes = new LongAdder();

        @Override
        public Response intercept(Chain chain) throws IOException {
            Request request = chain.request();
            String path = request.url().encodedPath();
            boolean read = request.method().equals("GET");
            all.increment();
            if (path.endsWith("/tokens/permission_groups")) {
                permissionChecks.increment();
            } else if (path.endsWith("/tokens")) {
                (read ? listPages : creates).increment();
            }
            if (!read) {
                writes.increment();
            }
            return chain.proceed(request);
        }

        /** The counts since the last call. */
        Counts takeCounts() {
            return new Counts(
                    all.sumThenReset(),
                    permissionChecks.sumThenReset(),
                    listPages.sumThenReset(),
                    creates.sumThenReset(),
                    writes.sumThenReset());
        }
    }

    /**
     * This JVM's CPU time per phase (every thread: the engine, OkHttp, JIT and GC), which is the client's alone
     * when the emulator runs in its own JVM.
     */
    private record Cpu(double applySeconds, double applyCompileSeconds, double noChangeSeconds, double destroySeconds) {
        /**
         * CPU time of this JVM's JIT compiler threads so far, from each thread's {@code /proc} schedstat (Linux;
         * NaN elsewhere). A fresh engine per phase keeps the compiler busy for many runs, and its share moves by a
         * factor of ten between runs, so the apply's own cost is reported without it as well as with it.
         */
        static double compileSeconds() {
            Path tasks = Path.of("/proc/self/task");
            if (!Files.isDirectory(tasks)) {
                return Double.NaN;
            }
            long nanos = 0;
            try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
                for (Path thread : threads) {
                    nanos += compilerNanos(thread);
                }
            } catch (IOException e) {
                return Double.NaN;
            }
            return nanos / 1e9;
        }

        private static long compilerNanos(Path thread) {
            try {
                if (!Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                    return 0;
                }
                return Long.parseLong(
                        Files.readString(thread.resolve("schedstat")).split(" ")[0]);
            } catch (IOException e) {
                return 0; // a thread that ended while it was read; the compiler's threads live as long as the JVM
            }
        }

        /** The apply's CPU without the JIT compiler's: what the run itself cost. */
        double applyWithoutCompileSeconds() {
            return applySeconds - applyCompileSeconds;
        }

        static double processSeconds() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime()
                    / 1e9;
        }
    }

    private record Counts(long all, long permissionChecks, long listPages, long creates, long writes) {
        /** Requests that were neither the permission-group check nor a list page, per token created. */
        double perCreatedToken() {
            return (double) (all - permissionChecks - listPages) / creates;
        }

        /** The same with the plan's list pages counted: at most one page per 50 tokens more. */
        double perCreatedTokenWithListing() {
            return (double) (all - permissionChecks) / creates;
        }
    }

    /** One measured run: apply from nothing, apply again unchanged, destroy. */
    private record Run(
            double applySeconds,
            Counts apply,
            double noChangeSeconds,
            Counts noChange,
            double destroySeconds,
            Counts destroy,
            Cpu cpu) {
        /** Wall time of the apply over its ideal ({@link #idealSeconds}): the target is at most 2. */
        double applyRatio(Options options) {
            return applySeconds / idealSeconds(apply.all(), options);
        }

        double destroyRatio(Options options) {
            return destroySeconds / idealSeconds(destroy.all(), options);
        }

        boolean meetsTargets(Options options) {
            return applyRatio(options) <= 2
                    && apply.perCreatedToken() <= 1
                    && noChange.all() <= options.noChangeBudget();
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Options.parse(args);
        List<HandMadeProvisioner> declared = IntStream.range(0, options.declarations())
                .mapToObj(i -> HandMadeProvisioner.zoneReader(String.format(Locale.ROOT, "bench-%04d", i)))
                .collect(Collectors.toList());

        System.out.printf(
                Locale.ROOT,
                "%d declarations, %d ms latency per request, parallelism %s, %d runs, against %s%n",
                options.declarations(),
                options.latencyMillis(),
                options.parallelism() == 0 ? "chosen by the engine" : Integer.toString(options.parallelism()),
                options.runs(),
                options.emulatorDescription());
        once(declared, options); // warms this JVM; not reported
        List<Run> runs = new ArrayList<>();
        for (int number = 1; number <= options.runs(); number++) {
            Run run = once(declared, options);
            runs.add(run);
            System.out.printf(
                    Locale.ROOT, "run %d (targets %s):%n", number, run.meetsTargets(options) ? "met" : "MISSED");
            System.out.printf(
                    Locale.ROOT,
                    "  apply      %.2f s, %d requests: %d creates, %d list pages, %d permission"
                            + " checks; %.3f other requests per created token; wall / ideal %.2f%n",
                    run.applySeconds(),
                    run.apply().all(),
                    run.apply().creates(),
                    run.apply().listPages(),
                    run.apply().permissionChecks(),
                    run.apply().perCreatedToken(),
                    run.applyRatio(options));
            System.out.printf(
                    Locale.ROOT,
                    "  no-change  %.2f s, %d requests: %d list pages, %d permission checks, %d writes%n",
                    run.noChangeSeconds(),
                    run.noChange().all(),
                    run.noChange().listPages(),
                    run.noChange().permissionChecks(),
                    run.noChange().writes());
            System.out.printf(
                    Locale.ROOT,
                    "  destroy    %.2f s, %d requests; wall / ideal %.2f%n",
                    run.destroySeconds(),
                    run.destroy().all(),
                    run.destroyRatio(options));
            System.out.printf(
                    Locale.ROOT,
                    "  CPU        apply %.2f s (%.2f ms per token; %.2f ms without the JIT compiler's %.2f s),"
                            + " no-change %.2f s, destroy %.2f s (%.2f ms per token)%n",
                    run.cpu().applySeconds(),
                    run.cpu().applySeconds() * 1000 / options.declarations(),
                    run.cpu().applyWithoutCompileSeconds() * 1000 / options.declarations(),
                    run.cpu().applyCompileSeconds(),
                    run.cpu().noChangeSeconds(),
                    run.cpu().destroySeconds(),
                    run.cpu().destroySeconds() * 1000 / options.declarations());
        }
        summarize(runs, options);
    }

    private static void summarize(List<Run> runs, Options options) {
        System.out.println();
        System.out.printf(Locale.ROOT, "median of %d runs [min - max]:%n", runs.size());
        Figure apply = Figure.of(runs, Run::applySeconds);
        Figure applyRequests = Figure.of(runs, run -> run.apply().all());
        Figure ratio = Figure.of(runs, run -> run.applyRatio(options));
        System.out.printf(
                Locale.ROOT,
                "  apply from nothing: %s s, %s requests; ideal %s = %.2f s;" + " wall / ideal %s (target <= 2: %s)%n",
                apply.format("%.2f"),
                applyRequests.format("%.0f"),
                options.parallelism() == 0
                        ? "requests / 200 per s"
                        : String.format(
                                Locale.ROOT, "(requests / %d) x %d ms", options.parallelism(), options.latencyMillis()),
                idealSeconds((long) applyRequests.median(), options),
                ratio.format("%.2f"),
                verdict(runs, run -> run.applyRatio(options), 2));
        Figure perToken = Figure.of(runs, run -> run.apply().perCreatedToken());
        Figure perTokenWithListing = Figure.of(runs, run -> run.apply().perCreatedTokenWithListing());
        System.out.printf(
                Locale.ROOT,
                "  requests per created token beyond the permission-group check and the plan's"
                        + " list pages: %s (%s with the list pages counted; target <= 1: %s)%n",
                perToken.format("%.3f"),
                perTokenWithListing.format("%.3f"),
                verdict(runs, run -> run.apply().perCreatedToken(), 1));
        Figure noChange = Figure.of(runs, run -> run.noChange().all());
        Figure noChangeSeconds = Figure.of(runs, Run::noChangeSeconds);
        Figure noChangeWrites = Figure.of(runs, run -> run.noChange().writes());
        System.out.printf(
                Locale.ROOT,
                "  no-change apply: %s requests, %s writes, %s s (target <= ceil(%d/%d) + 1 = %d" + " requests: %s)%n",
                noChange.format("%.0f"),
                noChangeWrites.format("%.0f"),
                noChangeSeconds.format("%.2f"),
                options.declarations(),
                PAGE_SIZE,
                options.noChangeBudget(),
                verdict(runs, run -> run.noChange().all(), options.noChangeBudget()));
        Figure destroy = Figure.of(runs, Run::destroySeconds);
        Figure destroyRequests = Figure.of(runs, run -> run.destroy().all());
        System.out.printf(
                Locale.ROOT,
                "  destroy: %s s, %s requests, wall / ideal %s%n",
                destroy.format("%.2f"),
                destroyRequests.format("%.0f"),
                Figure.of(runs, run -> run.destroyRatio(options)).format("%.2f"));
        System.out.printf(
                Locale.ROOT,
                "  client CPU per token: apply %s ms, of which the engine's own (without the JIT compiler's"
                        + " threads) %s ms (target at 0 ms latency <= 1 ms); destroy %s ms;"
                        + " no-change apply %s s in all%n",
                Figure.of(runs, run -> run.cpu().applySeconds() * 1000 / options.declarations())
                        .format("%.2f"),
                Figure.of(runs, run -> run.cpu().applyWithoutCompileSeconds() * 1000 / options.declarations())
                        .format("%.2f"),
                Figure.of(runs, run -> run.cpu().destroySeconds() * 1000 / options.declarations())
                        .format("%.2f"),
                Figure.of(runs, run -> run.cpu().noChangeSeconds()).format("%.2f"));
    }

    private static Run once(List<HandMadeProvisioner> declared, Options options)
            throws IOException, InterruptedException {
        Duration latency = Duration.ofMillis(options.latencyMillis());
        Path dir = Files.createTempDirectory("cftokens-bench");
        RequestCounter counter = new RequestCounter();
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(counter).build();
        try (BenchmarkEmulator emulator = options.inProcess()
                ? BenchmarkEmulator.inProcess(latency)
                : BenchmarkEmulator.standalone(latency, options.emulatorJar())) {
            // Each phase gets a new client and engine, as a new process would: nothing cached from the phase before
            // (the permission-group check included); they share only the OkHttp client and its connections.
            StateStore store = options.memoryState()
                    ? InMemoryStateStore.withoutValues()
                    : FileStateStore.builder()
                            .path(dir.resolve("state.json"))
                            .passphrase(null)
                            .build();
            Supplier<Provisioning> provisioning = () -> {
                Provisioning configured = Provisioning.with(client(emulator, http))
                        .stateStore(store)
                        .output(ProvisioningOutput.silent());
                return options.parallelism() == 0 ? configured : configured.parallelism(options.parallelism());
            };

            Provisioning fromNothing = provisioning.get();
            long start = System.nanoTime();
            double cpuStart = Cpu.processSeconds();
            double compileStart = Cpu.compileSeconds();
            fromNothing.apply(declared);
            double applySeconds = seconds(start);
            double applyCpu = Cpu.processSeconds() - cpuStart;
            double applyCompile = Cpu.compileSeconds() - compileStart;
            Counts apply = counter.takeCounts();
            expectTokens(client(emulator, http), declared.size(), "after apply");
            counter.takeCounts();

            Provisioning unchanged = provisioning.get();
            start = System.nanoTime();
            cpuStart = Cpu.processSeconds();
            unchanged.apply(declared);
            double noChangeSeconds = seconds(start);
            double noChangeCpu = Cpu.processSeconds() - cpuStart;
            Counts noChange = counter.takeCounts();

            Provisioning destroying = provisioning.get();
            start = System.nanoTime();
            cpuStart = Cpu.processSeconds();
            destroying.destroy();
            double destroySeconds = seconds(start);
            double destroyCpu = Cpu.processSeconds() - cpuStart;
            Counts destroy = counter.takeCounts();
            expectTokens(client(emulator, http), 0, "after destroy");
            return new Run(
                    applySeconds,
                    apply,
                    noChangeSeconds,
                    noChange,
                    destroySeconds,
                    destroy,
                    new Cpu(applyCpu, applyCompile, noChangeCpu, destroyCpu));
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
            try (var files = Files.walk(dir)) {
                files.sorted(Collections.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Cloudflare client(BenchmarkEmulator emulator, OkHttpClient http) {
        return Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .accountId(emulator.accountId())
                .apiToken(emulator.apiToken())
                .okHttpClient(http)
                .build();
    }

    /** Checks, untimed, that the run did the work it is credited with. */
    private static void expectTokens(Cloudflare cloudflare, long expected, String when) {
        long found = cloudflare
                .accountTokens()
                .list()
                .filter(token -> token.name().startsWith("bench-"))
                .count();
        if (found != expected) {
            throw new IllegalStateException(
                    when + " the account holds " + found + " benchmark tokens, not " + expected);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * (requests / parallelism) x latency for a fixed parallelism; for the engine's own choice, the time
     * Cloudflare's 200 requests per second take for them, which that choice aims at (and at least one latency).
     */
    private static double idealSeconds(long requests, Options options) {
        if (options.parallelism() == 0) {
            return Math.max(requests / CLOUDFLARE_PER_SECOND, options.latencyMillis() / 1000.0);
        }
        return (double) requests / options.parallelism() * options.latencyMillis() / 1000.0;
    }

    /** Whether the median meets the target and how many runs do not: the machine is shared and noisy. */
    private static String verdict(List<Run> runs, ToDoubleFunction<Run> figure, double limit) {
        long over =
                runs.stream().filter(run -> figure.applyAsDouble(run) > limit).count();
        String median = Figure.of(runs, figure).median() <= limit ? "met by the median" : "MISSED by the median";
        return median + (over == 0 ? " and every run" : ", missed by " + over + " of " + runs.size() + " runs");
    }

    /** One figure over the runs: its median and its spread. */
    private record Figure(double median, double min, double max) {
        static Figure of(List<Run> runs, ToDoubleFunction<Run> figure) {
            double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
            int middle = values.length / 2;
            double median = values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
            return new Figure(median, values[0], values[values.length - 1]);
        }

        String format(String number) {
            return String.format(Locale.ROOT, number + " [" + number + " - " + number + "]", median, min, max);
        }
    }
}
