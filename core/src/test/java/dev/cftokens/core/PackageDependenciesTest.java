package dev.cftokens.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core's packages depend one way: {@code model} on {@code rules} and {@code catalog}, {@code rules} on
 * {@code catalog}, {@code catalog} on neither. A rule that needed the model would have two homes again.
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/cftokens/core");

    @Test
    void rulesDoNotKnowTheModel() throws IOException {
        assertThat(importsOf("rules", "dev.cftokens.core.model")).isEmpty();
    }

    @Test
    void theCatalogKnowsNeitherRulesNorModel() throws IOException {
        assertThat(importsOf("catalog", "dev.cftokens.core.model")).isEmpty();
        assertThat(importsOf("catalog", "dev.cftokens.core.rules")).isEmpty();
    }

    /** The lines of {@code pkg}'s sources that name {@code other}, each with its file. */
    private static List<String> importsOf(String pkg, String other) throws IOException {
        Path directory = SOURCES.resolve(pkg);
        assertThat(directory).isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                for (String line : Files.readAllLines(file)) {
                    if (line.contains(other + ".")) {
                        found.add(file.getFileName() + ": " + line.strip());
                    }
                }
            }
        }
        return found;
    }
}
