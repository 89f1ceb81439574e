package dev.cftokens.processor;

import static java.util.stream.Collectors.toList;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;

/**
 * Compiles sources from and to a real directory through {@code javax.tools}, as a build tool does: with
 * javac or with ecj (which reads generated sources back from disk), with or without the processor. Used
 * where Compile Testing cannot go: ecj, generated files of a failed compilation, and the benchmark.
 */
final class DiskCompiler {
    private final JavaCompiler compiler;
    private final List<String> extraOptions;
    private final boolean withProcessor;
    private final List<File> processorPath;

    private DiskCompiler(
            JavaCompiler compiler, List<String> extraOptions, boolean withProcessor, List<File> processorPath) {
        this.compiler = compiler;
        this.extraOptions = List.copyOf(extraOptions);
        this.withProcessor = withProcessor;
        this.processorPath = processorPath;
    }

    static DiskCompiler javac() {
        return new DiskCompiler(ToolProvider.getSystemJavaCompiler(), List.of("--release", "17"), true, null);
    }

    static DiskCompiler ecj() {
        return new DiskCompiler(new EclipseCompiler(), List.of("-17"), true, null);
    }

    DiskCompiler withoutProcessor() {
        return new DiskCompiler(compiler, extraOptions, false, null);
    }

    /** Lets the compiler discover the processor on this path, as a user's build does, instead of passing it in. */
    DiskCompiler withProcessorPath(List<File> path) {
        return new DiskCompiler(compiler, extraOptions, true, List.copyOf(path));
    }

    DiskCompiler withOptions(String... options) {
        List<String> all = new ArrayList<>(extraOptions);
        all.addAll(List.of(options));
        return new DiskCompiler(compiler, all, withProcessor, processorPath);
    }

    /** Writes each {@code sources} (qualified name → text) under {@code directory}/src and compiles them. */
    Result compile(Path directory, List<Source> sources) {
        try {
            Path src = Files.createDirectories(directory.resolve("src"));
            Path generated = Files.createDirectories(directory.resolve("generated"));
            Path classes = Files.createDirectories(directory.resolve("classes"));
            List<File> files = new ArrayList<>();
            for (Source source : sources) {
                Path file = src.resolve(source.qualifiedName().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.text());
                files.add(file.toFile());
            }
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fileManager =
                    compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                fileManager.setLocation(StandardLocation.CLASS_PATH, Compilers.classPath());
                fileManager.setLocation(StandardLocation.SOURCE_OUTPUT, List.of(generated.toFile()));
                fileManager.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
                List<String> options = new ArrayList<>(extraOptions);
                if (processorPath != null) {
                    // Set before getTask: javac reads the processor path when the task is made.
                    fileManager.setLocation(StandardLocation.ANNOTATION_PROCESSOR_PATH, processorPath);
                }
                options.addAll(List.of("-encoding", "UTF-8"));
                if (!withProcessor) {
                    options.add("-proc:none");
                }
                // ecj also prints its diagnostics to this writer; the collector has them.
                JavaCompiler.CompilationTask task = compiler.getTask(
                        new StringWriter(),
                        fileManager,
                        diagnostics,
                        options,
                        null,
                        fileManager.getJavaFileObjectsFromFiles(files));
                if (processorPath == null && withProcessor) {
                    task.setProcessors(List.of(new ApiTokenProcessor()));
                }
                boolean success = task.call();
                return new Result(success, diagnostics.getDiagnostics(), generated, classes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One source file: its type's qualified name and its text. */
    record Source(String qualifiedName, String text) {
        static Source of(JavaFileObject file) {
            try {
                String path = file.toUri().getPath().replaceFirst("^/", "").replaceFirst("\\.java$", "");
                return new Source(
                        path.replace('/', '.'), file.getCharContent(true).toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What a compilation left: success, diagnostics, and the directories it wrote. */
    record Result(
            boolean success,
            List<Diagnostic<? extends JavaFileObject>> diagnostics,
            Path sourceOutput,
            Path classOutput) {
        List<Diagnostic<? extends JavaFileObject>> ofKind(Diagnostic.Kind kind) {
            return diagnostics.stream().filter(d -> d.getKind() == kind).collect(toList());
        }

        List<Diagnostic<? extends JavaFileObject>> errors() {
            return ofKind(Diagnostic.Kind.ERROR);
        }

        /** The generated source of {@code qualifiedName}, if the processor wrote it. */
        Optional<String> generatedSource(String qualifiedName) {
            return read(sourceOutput.resolve(qualifiedName.replace('.', '/') + ".java"));
        }

        /** A file the processor wrote to the class output, such as a {@code META-INF/cftokens} entry. */
        Optional<String> classOutputFile(String relativePath) {
            return read(classOutput.resolve(relativePath));
        }

        List<String> generatedSources() {
            try (Stream<Path> files = Files.walk(sourceOutput)) {
                return files.filter(Files::isRegularFile)
                        .map(p -> sourceOutput.relativize(p).toString())
                        .sorted()
                        .collect(toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Optional<String> read(Path file) {
            try {
                return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
