package dev.cftokens.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the processor behaves as a whole: per-type errors, deferral, registration, source version. */
class ProcessorBehaviourTest {
    @TempDir
    Path directory;

    @Test
    void aTypeWithErrorsGetsNothingWhileTheOthersAreStillWritten() {
        DiskCompiler.Result result = DiskCompiler.javac()
                .compile(
                        directory,
                        List.of(
                                DiskCompiler.Source.of(Sources.readonlyToken()),
                                DiskCompiler.Source.of(Sources.acme(
                                        "BrokenToken",
                                        "@ApiToken",
                                        "@Policy(permissionGroups = \"Zone Raed\", resources = \"com.cloudflare.api.account.zone.*\")",
                                        "public interface BrokenToken {}"))));

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().get(0).getMessage(Locale.ROOT)).contains("did you mean \"Zone Read\"?");
        assertThat(result.generatedSources()).containsExactly("com/acme/ReadonlyTokenProvisioner.java");
        assertThat(result.classOutputFile("META-INF/cftokens/com.acme.ReadonlyTokenProvisioner"))
                .isPresent();
        assertThat(result.classOutputFile("META-INF/cftokens/com.acme.BrokenTokenProvisioner"))
                .isEmpty();
    }

    @Test
    void interfaceExtendingATypeGeneratedInALaterRoundWaitsForIt() {
        Compilation compilation = Compilers.javac()
                .withProcessors(new ApiTokenProcessor(), OneFileGenerator.inputs())
                .compile(Sources.acme(
                        "ZoneToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.{zoneId}\")",
                        "public interface ZoneToken extends GeneratedInputs {}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("com.acme.ZoneTokenProvisioner")
                .contentsAsUtf8String()
                .contains("public static ZoneTokenProvisioner create(String zoneId)");
    }

    @Test
    void annotationValueReadFromAConstantGeneratedInALaterRoundWaitsForIt() {
        Compilation compilation = Compilers.javac()
                .withProcessors(new ApiTokenProcessor(), OneFileGenerator.constants())
                .compile(Sources.acme(
                        "ConstantToken",
                        "@ApiToken(name = Groups.NAME)",
                        "@Policy(permissionGroups = Groups.ZONE, resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface ConstantToken {}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("com.acme.ConstantTokenProvisioner")
                .contentsAsUtf8String()
                .contains("\"Zone Read\"");
        assertThat(compilation)
                .generatedSourceFile("com.acme.ConstantTokenProvisioner")
                .contentsAsUtf8String()
                .contains("\"Named by a constant\"");
    }

    @Test
    void annotationValueReadFromAConstantThatIsNeverGeneratedIsReportedOnceAtTheEnd() {
        Compilation compilation = Compilers.javac()
                .compile(Sources.acme(
                        "ConstantToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = Missing.ZONE, resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface ConstantToken {}"));

        assertThat(compilation).failed();
        List<String> ours = compilation.errors().stream()
                .map(error -> error.getMessage(Locale.ROOT))
                .filter(message -> message.contains("[cftokens:"))
                .toList();
        assertThat(ours)
                .singleElement()
                .asString()
                .contains("[cftokens:unresolved-type]")
                .doesNotContain("<error>");
    }

    @Test
    void typeThatIsNeverGeneratedIsReportedOnceAtTheEnd() {
        Compilation compilation = Compilers.javac()
                .compile(Sources.acme(
                        "ZoneToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.{zoneId}\")",
                        "public interface ZoneToken extends MissingInputs {}"));

        assertThat(compilation).failed();
        long ours = compilation.errors().stream()
                .filter(error -> error.getMessage(Locale.ROOT).contains("[cftokens:unresolved-type]"))
                .count();
        assertThat(ours).isEqualTo(1);
        assertThat(compilation)
                .hadErrorContaining(
                        "[cftokens:unresolved-type] com.acme.ZoneToken refers to types that were never generated or found"
                                + " (MissingInputs)");
    }

    @Test
    void withoutTheRuntimeOnTheClassPathOneErrorSaysToAddIt() {
        JavaFileObject token = Sources.readonlyToken();
        // Annotations and core only: the runtime, which generated provisioners extend, is missing.
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new ApiTokenProcessor())
                .withClasspath(Compilers.classPath().stream()
                        .filter(entry ->
                                !entry.equals(Compilers.locationOf(dev.cftokens.runtime.TokenProvisioner.class)))
                        .collect(java.util.stream.Collectors.toList()))
                .compile(token);

        // One error: no provisioner was written to fail on the missing superclass.
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[cftokens:missing-runtime] the provisioner of com.acme.ReadonlyToken would extend"
                        + " dev.cftokens.runtime.AbstractTokenProvisioner, which is not on the class path; add"
                        + " dev.cftokens:cftokens-runtime")
                .inFile(token)
                .onLineContaining("public interface ReadonlyToken");
    }

    @Test
    void provisionerNameTakenByAnExistingClassIsAnError() {
        JavaFileObject token = Sources.readonlyToken();
        Compilation compilation = Compilers.javac()
                .compile(token, Sources.acme("ReadonlyTokenProvisioner", "public class ReadonlyTokenProvisioner {}"));

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[cftokens:write-failed] cannot write com.acme.ReadonlyTokenProvisioner for"
                        + " com.acme.ReadonlyToken")
                .inFile(token)
                .onLineContaining("public interface ReadonlyToken");
    }

    @Test
    void unexpectedFailureIsOneErrorOnTheElementAskingForAReport() {
        // An @ApiToken from another version of cftokens-annotations, without the owner attribute.
        JavaFileObject oldAnnotation = JavaFileObjects.forSourceLines(
                "dev.cftokens.annotations.ApiToken",
                "package dev.cftokens.annotations;",
                "public @interface ApiToken { String name() default \"\"; String id() default \"\"; }");
        JavaFileObject token = Sources.acme(
                "OldToken",
                "@ApiToken",
                "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                "public interface OldToken {}");

        Compilation compilation = Compilers.javac().compile(oldAnnotation, token);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[cftokens:internal-error] cftokens failed while processing com.acme.OldToken:"
                        + " java.lang.IllegalStateException")
                .inFile(token)
                .onLineContaining("public interface OldToken");
        assertThat(compilation).hadErrorContaining("please report it");
    }

    @Test
    void declaresTheLatestSourceVersionItsOptionAndItsAnnotations() {
        ApiTokenProcessor processor = new ApiTokenProcessor();

        assertThat(processor.getSupportedSourceVersion()).isEqualTo(SourceVersion.latestSupported());
        assertThat(processor.getSupportedOptions()).containsExactly("cftokens.catalog");
        assertThat(processor.getSupportedAnnotationTypes())
                .containsExactlyInAnyOrder(
                        "dev.cftokens.annotations.ApiToken",
                        "dev.cftokens.annotations.Policy",
                        "dev.cftokens.annotations.Policies",
                        "dev.cftokens.annotations.RequestIp",
                        "dev.cftokens.annotations.Rotation");
    }

    @Test
    void isRegisteredAsAServiceAndAsAnIsolatingGradleProcessor() {
        assertThat(resource("/META-INF/services/javax.annotation.processing.Processor"))
                .contains("dev.cftokens.processor.ApiTokenProcessor");
        assertThat(resource("/META-INF/gradle/incremental.annotation.processors"))
                .isEqualTo("dev.cftokens.processor.ApiTokenProcessor,isolating\n");
    }

    @Test
    void isFoundOnTheProcessorPathWithoutBeingNamed() {
        // As a user's build runs it: discovered on the processor path through META-INF/services.
        List<File> processorPath = new ArrayList<>(Compilers.classPath());
        processorPath.add(Compilers.locationOf(ApiTokenProcessor.class));
        processorPath.add(Compilers.locationOf(com.palantir.javapoet.JavaFile.class));
        DiskCompiler.Result result = DiskCompiler.javac()
                .withProcessorPath(processorPath)
                .compile(directory, List.of(DiskCompiler.Source.of(Sources.readonlyToken())));

        assertThat(result.success()).as("%s", result.diagnostics()).isTrue();
        assertThat(result.generatedSources()).containsExactly("com/acme/ReadonlyTokenProvisioner.java");
    }

    private static String resource(String name) {
        try (InputStream in = ApiTokenProcessor.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Another processor that writes one source file in its first round, as code generators do. */
    static final class OneFileGenerator extends AbstractProcessor {
        private final String typeName;
        private final String source;
        private boolean written;

        OneFileGenerator(String typeName, String source) {
            this.typeName = typeName;
            this.source = source;
        }

        /** Writes {@code com.acme.Groups}, a holder of constants. */
        static OneFileGenerator constants() {
            return new OneFileGenerator(
                    "com.acme.Groups",
                    "package com.acme;\npublic final class Groups {\n"
                            + "  public static final String ZONE = \"Zone Read\";\n"
                            + "  public static final String NAME = \"Named by a constant\";\n}\n");
        }

        /** Writes {@code com.acme.GeneratedInputs}, an interface with one input method. */
        static OneFileGenerator inputs() {
            return new OneFileGenerator(
                    "com.acme.GeneratedInputs",
                    "package com.acme;\npublic interface GeneratedInputs {\n  String zoneId();\n}\n");
        }

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
            if (!written) {
                written = true;
                try (Writer writer =
                        processingEnv.getFiler().createSourceFile(typeName).openWriter()) {
                    writer.write(source);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }
}
