package dev.cftokens.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;

/** One failing compilation per diagnostic: the message, the file and the line it sits on. */
final class Diagnostics {
    private Diagnostics() {}

    /** Compiles {@code source} alone and checks it fails with exactly one error, this one, on that line. */
    static Compilation assertSingleError(JavaFileObject source, String message, String lineContaining) {
        Compilation compilation = Compilers.javac().compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(lineContaining);
        return compilation;
    }

    /** Compiles {@code source} alone and checks it succeeds with exactly one warning, this one, on that line. */
    static Compilation assertSingleWarning(JavaFileObject source, String message, String lineContaining) {
        Compilation compilation = Compilers.javac().compile(source);
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).hadWarningContaining(message).inFile(source).onLineContaining(lineContaining);
        return compilation;
    }
}
