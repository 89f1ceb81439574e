package dev.cftokens.processor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Expected generated sources, kept under {@code src/test/resources/golden} as {@code .java.txt} so no
 * build compiles them: the source of a provisioner is what users read when they debug, so its exact
 * text is checked, not only that it compiles.
 */
final class GoldenFiles {
    private GoldenFiles() {}

    /** The golden text of {@code simpleName}; when updating, {@code actual} first becomes the golden text. */
    static String expected(String simpleName, String actual) {
        if (Boolean.getBoolean("cftokens.updateGolden")) {
            try {
                Path file = Path.of("src/test/resources/golden", simpleName + ".java.txt");
                Files.writeString(file, actual);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return actual;
        }
        return read(simpleName);
    }

    static String read(String simpleName) {
        String resource = "/golden/" + simpleName + ".java.txt";
        try (InputStream in = GoldenFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
