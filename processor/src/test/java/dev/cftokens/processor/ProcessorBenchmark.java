package dev.cftokens.processor;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * What the processor costs a build: compiles N generated {@code @ApiToken} declarations in-process with
 * javac, with the processor and without it ({@code -proc:none}), and prints the difference per declaration
 * (the median of several runs after warm-up). The difference includes compiling the provisioners the
 * processor writes, which a user's build pays too; the processor's own time inside {@code process} is
 * printed beside it ("in process()", which includes javac's Filer, called from there), and the rest of
 * javac's extra work ("rest of javac": compiling the provisioners, the extra round). "floor" is what a
 * processor that only writes an empty class per declaration costs: javac's own price for any
 * processor that generates a file per type.
 *
 * <p>Times are the compiling thread's CPU time (javac compiles on the calling thread), so that other
 * work on a shared machine does not count; wall-clock medians are printed too.
 *
 * <p>Run: {@code mvn -q -o test -pl processor -am -Pprocessor-benchmark -DskipTests}
 */
public final class ProcessorBenchmark {
    /**
     * Rounds of all three compilations at the largest N before anything is measured: javac and the
     * processor run interpreted or half-compiled for the first several, and on two cores the JIT took
     * about a dozen compilations of 1,000 declarations to settle (a processed compile went from 4.4 s to 1.2 s).
     */
    private static final int WARM_UP_RUNS = 8;

    private static final int MEASURED_RUNS = 7;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ProcessorBenchmark() {}

    public static void main(String[] args) throws IOException {
        int[] sizes = args.length == 0
                ? new int[] {100, 1_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Path root = Files.createTempDirectory(workDirectory(), "cftokens-benchmark");
        try {
            System.out.println("sources and classes in " + root);
            System.out.printf(
                    Locale.ROOT,
                    "javac %s, %d warm-up runs at N = %d, then %d measured runs per N, medians of CPU time%n",
                    System.getProperty("java.version"),
                    WARM_UP_RUNS,
                    Arrays.stream(sizes).max().getAsInt(),
                    MEASURED_RUNS);
            warmUp(root.resolve("warm-up"), Arrays.stream(sizes).max().getAsInt());
            System.out.printf(
                    Locale.ROOT,
                    "%6s %14s %14s %16s %16s %16s %16s %16s %22s%n",
                    "N",
                    "without (ms)",
                    "with (ms)",
                    "overhead ms/decl",
                    "in process()",
                    "rest of javac",
                    "floor ms/decl",
                    "user-mode only",
                    "wall without/with ms");
            for (int n : sizes) {
                run(root.resolve("n" + n), n);
            }
        } finally {
            delete(root);
        }
    }

    /**
     * Where the sources and the compiled classes go: {@code -Dbenchmark.dir}, else {@code /dev/shm} where it
     * exists. On these virtual machines the disk's system time for creating and deleting thousands of files
     * varied tenfold from one minute to the next (a compile without the processor took 0.1 s of CPU, then
     * 0.8 s, nearly all of it in the kernel), which drowned what the processor costs; memory does not.
     */
    private static Path workDirectory() throws IOException {
        String configured = System.getProperty("benchmark.dir");
        if (configured != null) {
            return Files.createDirectories(Path.of(configured));
        }
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static void warmUp(Path directory, int n) throws IOException {
        List<File> sources = writeDeclarations(directory.resolve("src"), n);
        for (int run = 0; run < WARM_UP_RUNS; run++) {
            Timing plain = compile(directory.resolve("out-plain"), sources, null);
            Timing processed = compile(directory.resolve("out-processed"), sources, new ApiTokenProcessor());
            compile(directory.resolve("out-trivial"), sources, new TrivialGenerator());
            System.out.printf(
                    Locale.ROOT,
                    "warm-up %d: without %.0f ms, with %.0f ms (of which user %.0f and %.0f ms)%n",
                    run + 1,
                    plain.cpuNanos / 1e6,
                    processed.cpuNanos / 1e6,
                    plain.userNanos / 1e6,
                    processed.userNanos / 1e6);
            delete(directory.resolve("out-plain"));
            delete(directory.resolve("out-processed"));
            delete(directory.resolve("out-trivial"));
        }
        delete(directory);
    }

    private static void run(Path directory, int n) throws IOException {
        List<File> sources = writeDeclarations(directory.resolve("src"), n);
        long[] without = new long[MEASURED_RUNS];
        long[] with = new long[MEASURED_RUNS];
        long[] withoutUser = new long[MEASURED_RUNS];
        long[] withUser = new long[MEASURED_RUNS];
        long[] withoutWall = new long[MEASURED_RUNS];
        long[] withWall = new long[MEASURED_RUNS];
        long[] inProcessor = new long[MEASURED_RUNS];
        long[] floor = new long[MEASURED_RUNS];
        int generated = 0;
        for (int run = -1; run < MEASURED_RUNS; run++) {
            // Interleaved, so drift in the machine's load hits both sides alike.
            Timing plain = compile(directory.resolve("out-plain-" + run), sources, null);
            TimedProcessor timed = new TimedProcessor(new ApiTokenProcessor());
            Path out = directory.resolve("out-processed-" + run);
            Timing processed = compile(out, sources, timed);
            Timing trivial = compile(directory.resolve("out-trivial-" + run), sources, new TrivialGenerator());
            if (run >= 0) {
                without[run] = plain.cpuNanos;
                with[run] = processed.cpuNanos;
                withoutUser[run] = plain.userNanos;
                withUser[run] = processed.userNanos;
                withoutWall[run] = plain.wallNanos;
                withWall[run] = processed.wallNanos;
                inProcessor[run] = timed.cpuNanos;
                floor[run] = trivial.cpuNanos;
                generated = countFiles(out.resolve("generated"));
            }
            delete(directory.resolve("out-plain-" + run));
            delete(directory.resolve("out-trivial-" + run));
            delete(out);
        }
        double withoutMs = median(without) / 1e6;
        double withMs = median(with) / 1e6;
        double overhead = (withMs - withoutMs) / n;
        double processor = median(inProcessor) / 1e6 / n;
        double userOverhead = (median(withUser) - median(withoutUser)) / 1e6 / n;
        System.out.printf(
                Locale.ROOT,
                "%6d %14.1f %14.1f %16.3f %16.3f %16.3f %16.3f %16.3f %22s%n",
                n,
                withoutMs,
                withMs,
                overhead,
                processor,
                overhead - processor,
                (median(floor) / 1e6 - withoutMs) / n,
                userOverhead,
                String.format(Locale.ROOT, "%.0f / %.0f", median(withoutWall) / 1e6, median(withWall) / 1e6));
        if (generated != n) {
            throw new IllegalStateException("expected " + n + " provisioners, the processor wrote " + generated);
        }
    }

    /** N declarations of a few shapes (inputs, request IP, dates, repeated policies, nesting) over N/50 packages. */
    private static List<File> writeDeclarations(Path src, int n) throws IOException {
        List<File> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String pkg = "bench.p" + (i / 50);
            String name = "Token" + i;
            StringBuilder source = new StringBuilder()
                    .append("package ")
                    .append(pkg)
                    .append(";\n\nimport dev.cftokens.annotations.*;\n\n");
            switch (i % 4) {
                case 0:
                    source.append("@ApiToken(name = \"Readonly ")
                            .append(i)
                            .append("\")\n")
                            .append("@Policy(permissionGroups = {\"Zone Read\", \"Analytics Read\"},")
                            .append(" resources = \"com.cloudflare.api.account.zone.*\")\n")
                            .append("public interface ")
                            .append(name)
                            .append(" {}\n");
                    break;
                case 1:
                    source.append(
                                    "@ApiToken(notBefore = \"2030-01-01T00:00:00Z\", expiresOn = \"2030-12-31T23:59:59Z\")\n")
                            .append("@Policy(permissionGroups = \"Workers Routes Write\",")
                            .append(" resources = \"com.cloudflare.api.account.zone.{zoneId}\")\n")
                            .append(
                                    "@RequestIp(in = {\"192.168.1.0/24\", \"2001:db8::/32\"}, notIn = \"192.168.1.100/32\")\n")
                            .append("public interface ")
                            .append(name)
                            .append(" {\n  String zoneId();\n}\n");
                    break;
                case 2:
                    source.append("@ApiToken(id = \"logs-")
                            .append(i)
                            .append("\")\n")
                            .append("@Policy(permissionGroups = {\"Logs Read\", \"Account Settings Read\"},")
                            .append(" resources = \"com.cloudflare.api.account\")\n")
                            .append("@Policy(effect = Effect.DENY, permissionGroups = \"Logs Write\",")
                            .append(
                                    " within = \"com.cloudflare.api.account\", resources = \"com.cloudflare.api.account.zone.*\")\n")
                            .append("public interface ")
                            .append(name)
                            .append(" {}\n");
                    break;
                default:
                    source.append("@ApiToken(owner = Owner.USER)\n")
                            .append("@Policy(permissionGroups = {\"API Tokens Read\", \"User Details Read\"},")
                            .append(" resources = \"com.cloudflare.api.user.{userTag}\")\n")
                            .append("public interface ")
                            .append(name)
                            .append(" {\n  String userTag();\n}\n");
                    break;
            }
            Path file = src.resolve(pkg.replace('.', '/')).resolve(name + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            files.add(file.toFile());
        }
        return files;
    }

    /** Compiles {@code sources} into {@code out}; with {@code processor} null, with {@code -proc:none}. */
    private static Timing compile(Path out, List<File> sources, Processor processor) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path classes = Files.createDirectories(out.resolve("classes"));
        Path generated = Files.createDirectories(out.resolve("generated"));
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long userStart = THREADS.getCurrentThreadUserTime();
        try (StandardJavaFileManager files =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            files.setLocation(StandardLocation.CLASS_PATH, Compilers.classPath());
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
            files.setLocation(StandardLocation.SOURCE_OUTPUT, List.of(generated.toFile()));
            List<String> options = new ArrayList<>(List.of("--release", "17", "-encoding", "UTF-8", "-Xlint:none"));
            if (processor == null) {
                options.add("-proc:none");
            }
            JavaCompiler.CompilationTask task = javac.getTask(
                    new StringWriter(), files, diagnostics, options, null, files.getJavaFileObjectsFromFiles(sources));
            if (processor != null) {
                task.setProcessors(List.of(processor));
            }
            if (!task.call()) {
                throw new IllegalStateException("benchmark sources did not compile: " + diagnostics.getDiagnostics());
            }
        }
        return new Timing(
                THREADS.getCurrentThreadCpuTime() - cpuStart,
                THREADS.getCurrentThreadUserTime() - userStart,
                System.nanoTime() - start);
    }

    private record Timing(long cpuNanos, long userNanos, long wallNanos) {}

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    private static int countFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return (int) files.filter(file -> file.toString().endsWith(".java")).count();
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Writes an empty class per {@code @ApiToken} type and checks nothing: the floor for a generating processor. */
    private static final class TrivialGenerator extends javax.annotation.processing.AbstractProcessor {
        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("dev.cftokens.annotations.ApiToken");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            for (TypeElement annotation : annotations) {
                for (Element element : round.getElementsAnnotatedWith(annotation)) {
                    TypeElement type = (TypeElement) element;
                    String name = type.getQualifiedName() + "Provisioner";
                    try (java.io.Writer writer = processingEnv
                            .getFiler()
                            .createSourceFile(name, type)
                            .openWriter()) {
                        writer.write("package "
                                + processingEnv
                                        .getElementUtils()
                                        .getPackageOf(type)
                                        .getQualifiedName() + ";\n\nfinal class " + type.getSimpleName()
                                + "Provisioner {}\n");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            return false;
        }
    }

    /** Wraps a processor to add up the time spent in its {@code init} and {@code process}. */
    private static final class TimedProcessor implements Processor {
        private final Processor delegate;
        long cpuNanos;

        TimedProcessor(Processor delegate) {
            this.delegate = delegate;
        }

        @Override
        public Set<String> getSupportedOptions() {
            return delegate.getSupportedOptions();
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return delegate.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return delegate.getSupportedSourceVersion();
        }

        @Override
        public void init(ProcessingEnvironment env) {
            long start = THREADS.getCurrentThreadCpuTime();
            delegate.init(env);
            cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            long start = THREADS.getCurrentThreadCpuTime();
            try {
                return delegate.process(annotations, round);
            } finally {
                cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
            }
        }

        @Override
        public Iterable<? extends Completion> getCompletions(
                Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
            return delegate.getCompletions(element, annotation, member, userText);
        }
    }
}
