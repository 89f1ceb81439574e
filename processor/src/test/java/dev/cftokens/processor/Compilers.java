package dev.cftokens.processor;

import com.google.testing.compile.Compiler;
import dev.cftokens.annotations.ApiToken;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.runtime.TokenProvisioner;
import java.io.File;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Compile Testing's javac with the processor and a class path of annotations, core and runtime, as a
 * user's build has them. ecj runs through {@link DiskCompiler}: it reads generated sources back from
 * disk, which Compile Testing's in-memory file manager cannot give it.
 */
final class Compilers {
    private Compilers() {}

    static Compiler javac() {
        return Compiler.javac().withProcessors(new ApiTokenProcessor()).withClasspath(classPath());
    }

    /** Where the classes a declaration and its provisioner need live: annotations, core, runtime, Jackson. */
    static List<File> classPath() {
        return List.of(
                locationOf(ApiToken.class),
                locationOf(PermissionGroupCatalog.class),
                locationOf(TokenProvisioner.class),
                locationOf(com.fasterxml.jackson.databind.JsonNode.class),
                locationOf(com.fasterxml.jackson.core.JsonParser.class));
    }

    static File locationOf(Class<?> type) {
        try {
            return new File(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
