package dev.cftokens.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether a provisioner may carry {@code @javax.annotation.processing.Generated} depends on the module of its
 * interface. A full modular build of a declaration would need the cftokens jars on the module path; the
 * decision is tested here on plain types, in a named module that does or does not read java.compiler.
 */
class GeneratedAnnotationVisibilityTest {
    private static final String TYPE = "package com.acme;\npublic interface Token {}\n";

    @TempDir
    Path directory;

    @Test
    void aClassPathBuildSeesGenerated() throws IOException {
        assertThat(decide(null)).containsExactly(true);
    }

    @Test
    void aModuleThatDoesNotRequireJavaCompilerDoesNotSeeGenerated() throws IOException {
        assertThat(decide("module com.acme {}")).containsExactly(false);
    }

    @Test
    void aModuleThatRequiresJavaCompilerSeesGenerated() throws IOException {
        assertThat(decide("module com.acme { requires java.compiler; }")).containsExactly(true);
    }

    /** Compiles {@code com.acme.Token} on disk (compile-testing's in-memory files cannot hold a module). */
    private List<Boolean> decide(String moduleInfo) throws IOException {
        List<Path> sourceFiles = new ArrayList<>();
        sourceFiles.add(write("com/acme/Token.java", TYPE));
        if (moduleInfo != null) {
            sourceFiles.add(write("module-info.java", moduleInfo));
        }
        List<Boolean> decisions = new ArrayList<>();
        AbstractProcessor probe = new AbstractProcessor() {
            @Override
            public Set<String> getSupportedAnnotationTypes() {
                return Set.of("*");
            }

            @Override
            public SourceVersion getSupportedSourceVersion() {
                return SourceVersion.latestSupported();
            }

            @Override
            public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
                if (!round.processingOver()) {
                    decisions.add(ProvisionerDependencies.generatedAnnotationVisible(
                            processingEnv.getElementUtils(),
                            processingEnv.getElementUtils().getTypeElement("com.acme.Token")));
                }
                return false;
            }
        };
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            Files.createDirectories(directory.resolve("classes"));
            JavaCompiler.CompilationTask task = javac.getTask(
                    null,
                    files,
                    diagnostics,
                    List.of("-d", directory.resolve("classes").toString(), "-proc:only"),
                    null,
                    files.getJavaFileObjectsFromPaths(sourceFiles));
            task.setProcessors(List.of(probe));
            assertThat(task.call()).as("%s", diagnostics.getDiagnostics()).isTrue();
        }
        return decisions;
    }

    private Path write(String name, String content) throws IOException {
        Path file = directory.resolve("src").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
