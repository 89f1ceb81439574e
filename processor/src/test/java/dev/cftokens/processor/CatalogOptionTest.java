package dev.cftokens.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -Acftokens.catalog=<file>}: the three shapes it reads, and one clear error for a bad file. */
class CatalogOptionTest {
    private static final String GROUP = "{\"id\": \"0123456789abcdef0123456789abcdef\", \"name\": \"Brand New Read\","
            + " \"scopes\": [\"com.cloudflare.api.account\"]}";

    @TempDir
    Path directory;

    private static JavaFileObject brandNewToken() {
        return Sources.acme(
                "NewToken",
                "@ApiToken",
                "@Policy(permissionGroups = \"Brand New Read\", resources = \"com.cloudflare.api.account\")",
                "public interface NewToken {}");
    }

    private Compilation compileWithCatalog(String json) throws IOException {
        Path file = Files.writeString(directory.resolve("groups.json"), json);
        return Compilers.javac().withOptions("-Acftokens.catalog=" + file).compile(brandNewToken());
    }

    @Test
    void projectShapeReplacesTheBundledCatalog() throws IOException {
        Compilation compilation = compileWithCatalog("{\"groups\": [" + GROUP + "]}");

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("com.acme.NewTokenProvisioner")
                .contentsAsUtf8String()
                .contains("{\"id\": \"0123456789abcdef0123456789abcdef\", \"name\": \"Brand New Read\"}");
    }

    @Test
    void bareArrayIsRead() throws IOException {
        assertThat(compileWithCatalog("[" + GROUP + "]")).succeededWithoutWarnings();
    }

    @Test
    void apiAnswerIsRead() throws IOException {
        assertThat(compileWithCatalog("{\"success\": true, \"errors\": [], \"result\": [" + GROUP + "]}"))
                .succeededWithoutWarnings();
    }

    @Test
    void bundledNamesAreUnknownWithAReplacementCatalog() throws IOException {
        Path file = Files.writeString(directory.resolve("groups.json"), "[" + GROUP + "]");

        Compilation compilation =
                Compilers.javac().withOptions("-Acftokens.catalog=" + file).compile(Sources.readonlyToken());

        assertThat(compilation).hadErrorContaining("unknown permission group \"Zone Read\"");
        assertThat(compilation).hadErrorContaining("no group in the catalog (" + file + ")");
    }

    @Test
    void missingFileIsOneErrorNamingThePath() {
        Path missing = directory.resolve("nope.json");

        Compilation compilation = Compilers.javac()
                .withOptions("-Acftokens.catalog=" + missing)
                .compile(Sources.readonlyToken(), Sources.restrictedToken());

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[cftokens:catalog] -Acftokens.catalog=" + missing + ": " + missing
                        + ": no such permission-group catalog file");
    }

    @Test
    void malformedFileIsOneErrorNamingThePath() throws IOException {
        Path file = Files.writeString(directory.resolve("broken.json"), "{\"groups\": [ {\"id\": ");

        Compilation compilation =
                Compilers.javac().withOptions("-Acftokens.catalog=" + file).compile(Sources.readonlyToken());

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[cftokens:catalog] -Acftokens.catalog=" + file + ": " + file + ": not valid JSON");
    }

    @Test
    void wrongShapeIsOneErrorSayingWhatIsExpected() throws IOException {
        Compilation compilation = compileWithCatalog("{\"items\": []}");

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("expected a permission-group catalog: {\"groups\": [...]}");
    }

    @Test
    void relativePathErrorSaysWhereItWasLookedFor() {
        Compilation compilation = Compilers.javac()
                .withOptions("-Acftokens.catalog=missing/groups.json")
                .compile(Sources.readonlyToken());

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("a relative path is resolved against the compiler's working" + " directory, here "
                        + Path.of("missing/groups.json").toAbsolutePath().getParent());
    }

    @Test
    void emptyPathIsAnError() {
        Compilation compilation =
                Compilers.javac().withOptions("-Acftokens.catalog=").compile(Sources.readonlyToken());

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[cftokens:catalog]");
    }
}
