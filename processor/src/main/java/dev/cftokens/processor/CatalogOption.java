package dev.cftokens.processor;

import dev.cftokens.core.catalog.CatalogFormatException;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The permission-group catalog of one compilation: the bundled snapshot, or the file named by
 * {@code -Acftokens.catalog=<path>}. Read once, on first use; a file that cannot be read is one error
 * naming the path, printed once, after which no provisioner is written.
 */
final class CatalogOption {
    private final Map<String, String> options;
    private boolean loaded;
    private PermissionGroupCatalog catalog;

    CatalogOption(Map<String, String> options) {
        this.options = options;
    }

    /** The catalog, or empty when the option names a file that could not be read (already reported). */
    Optional<PermissionGroupCatalog> catalog(DiagnosticPrinter printer) {
        if (!loaded) {
            loaded = true;
            catalog = load(printer);
        }
        return Optional.ofNullable(catalog);
    }

    private PermissionGroupCatalog load(DiagnosticPrinter printer) {
        if (!options.containsKey(ApiTokenProcessor.CATALOG_OPTION)) {
            return PermissionGroupCatalog.bundled();
        }
        String path = options.get(ApiTokenProcessor.CATALOG_OPTION);
        if (path == null || path.isBlank()) {
            fail(printer, String.valueOf(path), "the option needs a file path");
            return null;
        }
        try {
            PermissionGroupCatalog read = PermissionGroupCatalog.read(Path.of(path));
            if (read.size() == 0) {
                fail(printer, path, "the catalog lists no permission groups");
                return null;
            }
            return read;
        } catch (CatalogFormatException | InvalidPathException e) {
            fail(printer, path, e.getMessage());
            return null;
        }
    }

    private static void fail(DiagnosticPrinter printer, String path, String why) {
        printer.print(Message.CATALOG_UNREADABLE, path, why + whereRelativePathsPoint(path));
    }

    /** A relative path is read from the compiler's working directory, which is often not the module's. */
    private static String whereRelativePathsPoint(String path) {
        try {
            Path given = Path.of(path);
            return given.isAbsolute() || path.isBlank()
                    ? ""
                    : " (a relative path is resolved against the compiler's working directory, here "
                            + given.toAbsolutePath().getParent() + ")";
        } catch (InvalidPathException e) {
            return "";
        }
    }
}
