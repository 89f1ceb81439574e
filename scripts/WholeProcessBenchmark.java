import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Issue 14's whole-process benchmark, run by {@code scripts/speed-benchmark} (which builds the jars first). Every
 * figure is a whole process, as a user meets it: the standalone emulator in its own JVM answering after the
 * latency, {@code java -jar cli/target/cftokens-cli.jar apply | apply | destroy} over N generated declarations
 * (a fresh emulator per run), and a small application started with and without one generated provisioner's
 * {@code provision()} of a token the state already records unchanged, with {@code CFTOKENS_KEY} and with
 * {@code CFTOKENS_PASSPHRASE}. Prints every run, then medians, and each figure's ratio to the floor Cloudflare's
 * limit of 200 requests per second sets. CPU is user + system of the measured process, read by
 * {@code /usr/bin/time} when it exists.
 *
 * <p>Only JDK classes here: it runs as a single source file ({@code java scripts/WholeProcessBenchmark.java}) from
 * the project's root, after {@code mvn package}; it talks to the emulator only through the processes it starts.
 */
public final class WholeProcessBenchmark {
    private static final double LIMIT_PER_SECOND = 200;
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path TIME = Path.of("/usr/bin/time");

    private WholeProcessBenchmark() {}

    private record Options(int declarations, int runs, long latencyMillis, String only, int limitDeclarations) {
        static Options parse(String[] args) {
            int declarations = 200;
            int runs = 5;
            long latency = 50;
            String only = null;
            int limitDeclarations = 500;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--declarations" -> declarations = Integer.parseInt(need(args[i], value));
                    case "--runs" -> runs = Integer.parseInt(need(args[i], value));
                    case "--latency" -> latency = Long.parseLong(need(args[i], value));
                    case "--limit-declarations" -> limitDeclarations = Integer.parseInt(need(args[i], value));
                    case "--only" -> {
                        only = need(args[i], value);
                        if (!List.of("cli", "startup", "limits").contains(only)) {
                            throw new IllegalArgumentException(
                                    "--only takes cli, startup or limits, not \"" + only + "\"");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option \"" + args[i]
                            + "\"; options are --declarations n, --runs n, --latency ms, --limit-declarations n,"
                            + " --only cli|startup|limits");
                }
                i++;
            }
            return new Options(declarations, runs, latency, only, limitDeclarations);
        }

        boolean runs(String part) {
            return only == null || only.equals(part);
        }

        private static String need(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }

    /** A finished process: wall seconds and, when {@code /usr/bin/time} measured it, CPU seconds (else NaN). */
    private record Timed(double wallSeconds, double cpuSeconds) {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory("cftokens-speed");
        try {
            Path classes = compileDeclarations(work.resolve("declarations"), Math.max(2, options.declarations()));
            System.out.printf(
                    Locale.ROOT,
                    "%d declarations, %d ms latency per request, %d runs; %s; JDK %s, %d cores%n",
                    options.declarations(),
                    options.latencyMillis(),
                    options.runs(),
                    Files.isExecutable(TIME) ? "CPU = user + system by /usr/bin/time" : "no /usr/bin/time: no CPU",
                    System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            if (options.runs("cli")) {
                cli(options, classes, work);
            }
            if (options.runs("startup")) {
                startup(options, classes, work);
            }
            if (options.runs("limits")) {
                limits(options, work);
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    // ---------------------------------------------------------------- the command line

    private static void cli(Options options, Path classes, Path work) throws Exception {
        Path cliJar = existing(ROOT.resolve("cli/target/cftokens-cli.jar"));
        Map<String, List<Timed>> phases = new HashMap<>();
        String key = newKey();
        System.out.println();
        System.out.println("command line (java -jar cftokens-cli.jar, CFTOKENS_KEY set, a new emulator each run):");
        for (int run = 0; run <= options.runs(); run++) {
            Path state = work.resolve("cli-state-" + run + ".json");
            try (Emulator emulator = Emulator.start(options.latencyMillis())) {
                emulator.warmUp();
                Map<String, String> env = emulator.environment();
                env.put("CFTOKENS_STATE", state.toString());
                env.put("CFTOKENS_KEY", key);
                List<String> cli = List.of(javaCommand(), "-jar", cliJar.toString());
                String classPath = classes.toString();
                Timed apply = run(concat(cli, "apply", "--class-path", classPath), env, work);
                Timed again = run(concat(cli, "apply", "--class-path", classPath), env, work);
                Timed destroy = run(concat(cli, "destroy", "--yes"), env, work);
                String label = run == 0 ? "warm-up" : "run " + run;
                System.out.printf(
                        Locale.ROOT,
                        "  %-8s apply %s, re-apply %s, destroy %s%n",
                        label,
                        format(apply),
                        format(again),
                        format(destroy));
                if (run > 0) {
                    phases.computeIfAbsent("apply", k -> new ArrayList<>()).add(apply);
                    phases.computeIfAbsent("re-apply", k -> new ArrayList<>()).add(again);
                    phases.computeIfAbsent("destroy", k -> new ArrayList<>()).add(destroy);
                }
            }
        }
        double floor = options.declarations() / LIMIT_PER_SECOND;
        System.out.printf(
                Locale.ROOT,
                "  medians: (the floor for %d writes at %.0f requests/s is %.2f s)%n",
                options.declarations(),
                LIMIT_PER_SECOND,
                floor);
        for (String phase : List.of("apply", "re-apply", "destroy")) {
            List<Timed> timed = phases.get(phase);
            double wall = median(timed, Timed::wallSeconds);
            System.out.printf(
                    Locale.ROOT,
                    "    %-9s %.2f s wall [%.2f - %.2f], %.2f s CPU%s%n",
                    phase,
                    wall,
                    min(timed, Timed::wallSeconds),
                    max(timed, Timed::wallSeconds),
                    median(timed, Timed::cpuSeconds),
                    phase.equals("re-apply") ? "" : String.format(Locale.ROOT, ", %.2f x the floor", wall / floor));
        }
    }

    // ---------------------------------------------------------------- an application's start

    private static void startup(Options options, Path classes, Path work) throws Exception {
        Path runtimeJar = single(ROOT.resolve("runtime/target"), "cftokens-runtime-", ".jar");
        String classPath = classes + File.pathSeparator + runtimeJar + File.pathSeparator
                + Files.readString(existing(ROOT.resolve("runtime/target/benchmark-classpath.txt")), UTF_8)
                        .strip();
        List<String> java = List.of(javaCommand(), "-cp", classPath);
        System.out.println();
        System.out.println("an application's start (java -cp classes:runtime:dependencies bench.Startup), one emulator:");
        try (Emulator emulator = Emulator.start(options.latencyMillis())) {
            Map<String, String> keyed = emulator.environment();
            keyed.put("CFTOKENS_STATE", work.resolve("startup-key.json").toString());
            keyed.put("CFTOKENS_KEY", newKey());
            Map<String, String> passphrase = emulator.environment();
            passphrase.put("CFTOKENS_STATE", work.resolve("startup-passphrase.json").toString());
            passphrase.put("CFTOKENS_PASSPHRASE", "correct horse battery staple");
            // Records the token (and its value) in each state; from here on it is unchanged.
            run(concat(java, "bench.Startup", "0"), keyed, work);
            run(concat(java, "bench.Startup", "1"), passphrase, work);

            List<Timed> bare = new ArrayList<>();
            List<Timed> withKey = new ArrayList<>();
            List<Timed> withPassphrase = new ArrayList<>();
            for (int run = 0; run <= options.runs(); run++) {
                // Interleaved, so a slow minute on the shared machine falls on all three alike.
                Timed b = run(concat(java, "bench.Startup"), keyed, work);
                Timed k = run(concat(java, "bench.Startup", "0"), keyed, work);
                Timed p = run(concat(java, "bench.Startup", "1"), passphrase, work);
                System.out.printf(
                        Locale.ROOT,
                        "  %-8s without %s, CFTOKENS_KEY %s, CFTOKENS_PASSPHRASE %s%n",
                        run == 0 ? "warm-up" : "run " + run,
                        format(b),
                        format(k),
                        format(p));
                if (run > 0) {
                    bare.add(b);
                    withKey.add(k);
                    withPassphrase.add(p);
                }
            }
            double base = median(bare, Timed::wallSeconds);
            double baseCpu = median(bare, Timed::cpuSeconds);
            System.out.printf(
                    Locale.ROOT, "  medians: without the call %.2f s wall, %.2f s CPU%n", base, baseCpu);
            for (var entry : List.of(Map.entry("CFTOKENS_KEY", withKey), Map.entry("CFTOKENS_PASSPHRASE", withPassphrase))) {
                double wall = median(entry.getValue(), Timed::wallSeconds);
                System.out.printf(
                        Locale.ROOT,
                        "    with provision(), %-19s %.2f s wall [%.2f - %.2f]: +%.2f s wall, +%.2f s CPU%n",
                        entry.getKey(),
                        wall,
                        min(entry.getValue(), Timed::wallSeconds),
                        max(entry.getValue(), Timed::wallSeconds),
                        wall - base,
                        median(entry.getValue(), Timed::cpuSeconds) - baseCpu);
            }
        }
    }

    // ---------------------------------------------------------------- within Cloudflare's limits

    /**
     * Applies then destroys {@code --limit-declarations} tokens (1,000 writes for 500) through an emulator enforcing
     * Cloudflare's limits (1,200 requests per 5 minutes per token, 200 per second per address, whose breach bans
     * the address for 300 s), with {@code --max-wait 0} so that a single 429 fails the command, and this benchmark.
     */
    private static void limits(Options options, Path work) throws Exception {
        Path cliJar = existing(ROOT.resolve("cli/target/cftokens-cli.jar"));
        Path classes = compileDeclarations(work.resolve("limits"), options.limitDeclarations());
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "within Cloudflare's limits: %d tokens applied then destroyed, emulator with --rate-limit"
                        + " --address-rate-limit, the command line with --max-wait 0 (a 429 fails it):%n",
                options.limitDeclarations());
        try (Emulator emulator =
                Emulator.start(options.latencyMillis(), "--rate-limit", "--address-rate-limit")) {
            Map<String, String> env = emulator.environment();
            env.put("CFTOKENS_STATE", work.resolve("limits-state.json").toString());
            env.put("CFTOKENS_KEY", newKey());
            List<String> cli = List.of(javaCommand(), "-jar", cliJar.toString());
            Timed apply = run(concat(cli, "apply", "--max-wait", "0", "--class-path", classes.toString()), env, work);
            Timed destroy = run(concat(cli, "destroy", "--yes", "--max-wait", "0"), env, work);
            double floor = options.limitDeclarations() / LIMIT_PER_SECOND;
            System.out.printf(
                    Locale.ROOT,
                    "  no 429: apply %s (%.2f x the floor of %.2f s), destroy %s (%.2f x)%n",
                    format(apply),
                    apply.wallSeconds() / floor,
                    floor,
                    format(destroy),
                    destroy.wallSeconds() / floor);
        }
    }

    // ---------------------------------------------------------------- declarations, compiled by the processor

    /**
     * Writes N declarations and the start-up program, and compiles them with the annotation processor, as an
     * application's build would.
     */
    private static Path compileDeclarations(Path work, int declarations) throws IOException {
        Files.createDirectories(work);
        Path sources = Files.createDirectories(work.resolve("src/bench"));
        for (int i = 0; i < declarations; i++) {
            String name = String.format(Locale.ROOT, "Bench%04d", i);
            Files.writeString(
                    sources.resolve(name + ".java"),
                    String.format(
                            Locale.ROOT,
                            """
                            package bench;

                            import dev.cftokens.annotations.ApiToken;
                            import dev.cftokens.annotations.Policy;

                            @ApiToken(name = "bench-%04d")
                            @Policy(permissionGroups = {"Zone Read"}, resources = "com.cloudflare.api.account.zone.*")
                            public interface %s {}
                            """,
                            i,
                            name),
                    UTF_8);
        }
        Files.writeString(
                sources.resolve("Startup.java"),
                """
                package bench;

                import dev.cftokens.runtime.Cloudflare;

                /** An application's main: with an argument, 0 or 1, it provisions that one token first. */
                public final class Startup {
                    public static void main(String[] args) {
                        if (args.length > 0) {
                            // Two declarations, so that the two states (key, passphrase) never share a token.
                            var token = args[0].equals("0")
                                    ? Bench0000Provisioner.create().provision(Cloudflare.fromEnvironment())
                                    : Bench0001Provisioner.create().provision(Cloudflare.fromEnvironment());
                            System.out.println("provisioned " + token);
                        }
                        System.out.println("started");
                    }
                }
                """,
                UTF_8);
        Path classes = Files.createDirectories(work.resolve("classes"));
        String processorPath = single(ROOT.resolve("processor/target"), "cftokens-processor-", ".jar")
                + File.pathSeparator
                + Files.readString(existing(ROOT.resolve("processor/target/benchmark-classpath.txt")), UTF_8)
                        .strip();
        String classPath = single(ROOT.resolve("runtime/target"), "cftokens-runtime-", ".jar")
                + File.pathSeparator
                + Files.readString(existing(ROOT.resolve("runtime/target/benchmark-classpath.txt")), UTF_8)
                        .strip();
        List<String> javac = new ArrayList<>(List.of(
                "-d", classes.toString(), "-processorpath", processorPath, "-cp", classPath, "-Xlint:none"));
        try (Stream<Path> files = Files.list(sources)) {
            files.map(Path::toString).forEach(javac::add);
        }
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, javac.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("javac failed with status " + status + " on the generated declarations");
        }
        return classes;
    }

    // ---------------------------------------------------------------- processes

    /** Runs a command to its end, failing on a non-zero status with its output. */
    private static Timed run(List<String> command, Map<String, String> environment, Path work)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path times = Files.createTempFile(work, "time", ".txt");
        List<String> timedCommand = new ArrayList<>();
        if (Files.isExecutable(TIME)) {
            timedCommand.addAll(List.of(TIME.toString(), "-f", "%U %S", "-o", times.toString()));
        }
        timedCommand.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timedCommand)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " ran longer than 10 minutes");
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                    + Files.readString(out, UTF_8));
        }
        double cpu = Double.NaN;
        String measured = Files.readString(times, UTF_8).strip();
        if (!measured.isEmpty()) {
            String[] userSystem = measured.lines().reduce((a, b) -> b).orElseThrow().split(" ");
            cpu = Double.parseDouble(userSystem[0]) + Double.parseDouble(userSystem[1]);
        }
        Files.delete(out);
        Files.delete(times);
        return new Timed(wall, cpu);
    }

    /** The standalone emulator in its own JVM, until closed. */
    private static final class Emulator implements AutoCloseable {
        /** An account-scoped permission group of the emulator's catalog (Cloudflare's own id). */
        private static final String ACCOUNT_SETTINGS_READ = "c1fde68c7bcc44588cbb6ddbc16d6480";

        private final Process process;
        private final Map<String, String> announced;

        private Emulator(Process process, Map<String, String> announced) {
            this.process = process;
            this.announced = announced;
        }

        static Emulator start(long latencyMillis, String... options) throws IOException, InterruptedException {
            Path jar = single(ROOT.resolve("emulator/target"), "cftokens-emulator-", "-standalone.jar");
            Path out = Files.createTempFile("cftokens-speed-emulator", ".txt");
            List<String> command = new ArrayList<>(List.of(
                    javaCommand(), "-jar", jar.toString(), "--port", "0", "--latency", Long.toString(latencyMillis)));
            command.addAll(Arrays.asList(options));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try {
                while (true) {
                    Map<String, String> variables = new HashMap<>();
                    for (String line : Files.readAllLines(out, UTF_8)) {
                        if (line.startsWith("export ") && line.contains("=")) {
                            String pair = line.substring("export ".length());
                            int equals = pair.indexOf('=');
                            variables.put(pair.substring(0, equals), pair.substring(equals + 1).strip());
                        }
                    }
                    if (variables.keySet()
                            .containsAll(List.of("CLOUDFLARE_BASE_URL", "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID"))) {
                        return new Emulator(process, variables);
                    }
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        process.destroyForcibly();
                        throw new IllegalStateException(
                                "the emulator did not announce itself:\n" + Files.readString(out, UTF_8));
                    }
                    Thread.sleep(20);
                }
            } finally {
                Files.delete(out);
            }
        }

        /**
         * Sends the requests a run sends, once each (a listing, the permission groups, a create and its delete),
         * so that the timed processes meet an emulator as warm as Cloudflare always is: a fresh emulator's first
         * answers carry its own JVM's class loading and compilation, about 0.2 s that no user of the real API
         * meets. Leaves no token behind.
         */
        void warmUp() throws IOException, InterruptedException {
            String base = announced.get("CLOUDFLARE_BASE_URL");
            String account = announced.get("CLOUDFLARE_ACCOUNT_ID");
            String tokens = base + "/accounts/" + account + "/tokens";
            HttpClient http = HttpClient.newHttpClient();
            send(http, "GET", tokens, null);
            send(http, "GET", tokens + "/permission_groups", null);
            String created = send(
                    http,
                    "POST",
                    tokens,
                    "{\"name\":\"benchmark warm-up\",\"policies\":[{\"effect\":\"allow\",\"resources\":"
                            + "{\"com.cloudflare.api.account." + account + "\":\"*\"},\"permission_groups\":"
                            + "[{\"id\":\"" + ACCOUNT_SETTINGS_READ + "\"}]}]}");
            Matcher id = Pattern.compile("\"result\":\\{\"id\":\"([0-9a-f]{32})\"").matcher(created);
            if (!id.find()) {
                throw new IllegalStateException("the emulator's answer to the warm-up create has no id: " + created);
            }
            send(http, "DELETE", tokens + "/" + id.group(1), null);
        }

        private String send(HttpClient http, String method, String url, String json)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + announced.get("CLOUDFLARE_API_TOKEN"));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            request.method(
                    method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "warming the emulator up, " + method + " " + url + " answered " + response.statusCode());
            }
            return response.body();
        }

        /** A new map of the variables a client needs to reach this emulator. */
        Map<String, String> environment() {
            return new HashMap<>(announced);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    // ---------------------------------------------------------------- small helpers

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static List<String> concat(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(Arrays.asList(more));
        return all;
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " does not exist; run scripts/speed-benchmark, which builds it");
        }
        return path;
    }

    /** The one jar in {@code directory} named {@code prefix...suffix}, other than the tests, sources, Javadoc. */
    private static Path single(Path directory, String prefix, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(existing(directory))) {
            List<Path> found = files.filter(path -> {
                        String name = path.getFileName().toString();
                        return name.startsWith(prefix)
                                && name.endsWith(suffix)
                                && Stream.of("-tests.jar", "-sources.jar", "-javadoc.jar", "-standalone.jar")
                                        .noneMatch(other -> !other.equals(suffix) && name.endsWith(other));
                    })
                    .toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one " + prefix + "*" + suffix + " in " + directory + ", found "
                        + found + "; run scripts/speed-benchmark, which builds it");
            }
            return found.get(0);
        }
    }

    private static String format(Timed timed) {
        return Double.isNaN(timed.cpuSeconds())
                ? String.format(Locale.ROOT, "%.2f s", timed.wallSeconds())
                : String.format(Locale.ROOT, "%.2f s (%.2f s CPU)", timed.wallSeconds(), timed.cpuSeconds());
    }

    private static double median(List<Timed> timed, java.util.function.ToDoubleFunction<Timed> figure) {
        double[] values = timed.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static double min(List<Timed> timed, java.util.function.ToDoubleFunction<Timed> figure) {
        return timed.stream().mapToDouble(figure).min().orElse(Double.NaN);
    }

    private static double max(List<Timed> timed, java.util.function.ToDoubleFunction<Timed> figure) {
        return timed.stream().mapToDouble(figure).max().orElse(Double.NaN);
    }
}
