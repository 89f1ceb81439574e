package dev.cftokens.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.workers.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's Java snippets name real classes and methods, so a reader can paste them. */
class ReadmeTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern IMPORT = Pattern.compile("^import ([\\w.]+);$", Pattern.MULTILINE);

    private static List<String> javaBlocks() throws IOException {
        Matcher blocks = JAVA_BLOCK.matcher(Files.readString(README));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            found.add(blocks.group(1));
        }
        return found;
    }

    @Test
    void theQuickstartBindsATokenToAWorkerWithItsImport() throws Exception {
        String worker = javaBlocks().stream()
                .filter(block -> block.contains("Worker.named("))
                .findFirst()
                .orElseThrow(() -> new AssertionError("README has no Java snippet binding a token to a Worker"));
        assertThat(worker)
                .contains("import dev.cftokens.runtime.workers.Worker;")
                .contains(".bind(\"API_TOKEN\", token)")
                .contains(".deploy(cloudflare)");
        // The chain the snippet shows exists with these types.
        assertThat(Worker.class.getMethod("named", String.class).getReturnType())
                .isEqualTo(Worker.class);
        assertThat(Worker.class.getMethod("script", String.class).getReturnType())
                .isEqualTo(Worker.class);
        assertThat(Worker.class
                        .getMethod("bind", String.class, ProvisionedToken.class)
                        .getReturnType())
                .isEqualTo(Worker.class);
        assertThat(Worker.class.getMethod("deploy", Cloudflare.class)).isNotNull();
    }

    @Test
    void everyRuntimeAndAnnotationsImportInTheReadmeNamesAClassThatExists() throws Exception {
        List<String> imports = new ArrayList<>();
        for (String block : javaBlocks()) {
            Matcher matcher = IMPORT.matcher(block);
            while (matcher.find()) {
                imports.add(matcher.group(1));
            }
        }
        assertThat(imports).isNotEmpty();
        for (String name : imports) {
            // The samples see the runtime and the annotations; other modules' snippets are theirs to test.
            if (name.startsWith("dev.cftokens.runtime.") || name.startsWith("dev.cftokens.annotations.")) {
                Class.forName(name);
            }
        }
    }
}
