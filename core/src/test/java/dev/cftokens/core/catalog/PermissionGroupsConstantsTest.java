package dev.cftokens.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cftokens.annotations.PermissionGroups;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code dev.cftokens.annotations.PermissionGroups} in step with the bundled catalog. The
 * annotations module may depend on nothing, so the constants are a checked-in source file; this test
 * renders what the file must say and fails on any difference. Run with {@code
 * -Dcftokens.regenerate=true} to rewrite the file after refreshing the catalog.
 */
class PermissionGroupsConstantsTest {
    private static final Path SOURCE =
            Path.of("../annotations/src/main/java/dev/cftokens/annotations/PermissionGroups.java");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^A-Za-z0-9]+");

    static String constantName(String groupName) {
        String snake = NOT_ALNUM.matcher(groupName).replaceAll("_");
        snake = snake.replaceAll("^_+|_+$", "");
        return snake.toUpperCase(java.util.Locale.ROOT);
    }

    static String render(PermissionGroupCatalog catalog) {
        Map<String, String> constants = new TreeMap<>();
        for (String name : catalog.names()) {
            String previous = constants.put(constantName(name), name);
            if (previous != null) {
                throw new IllegalStateException(
                        "\"" + previous + "\" and \"" + name + "\" both become " + constantName(name));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("package dev.cftokens.annotations;\n\n")
                .append("/**\n")
                .append(
                        " * The name of every Cloudflare permission group cftokens knows, for {@link Policy#permissionGroups()}\n")
                .append(" * with IDE completion. Names shared by several scopes resolve by the policy's resources.\n")
                .append(" *\n")
                .append(
                        " * <p>Kept in step with cftokens-core's permission-groups.json by PermissionGroupsConstantsTest;\n")
                .append(" * do not edit by hand.\n")
                .append(" */\n")
                .append("public final class PermissionGroups {\n");
        constants.forEach((constant, name) -> {
            String declaration = "    public static final String " + constant + " =";
            String literal = "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\";";
            // Wrapped as the build's formatter (palantir-java-format, 120 columns) wraps it.
            String separator = declaration.length() + 1 + literal.length() <= 120 ? " " : "\n            ";
            // A one-line comment per constant, so the Javadoc passes doclint's `missing` group and an IDE
            // hover shows the exact name Cloudflare uses.
            out.append("    /** Permission group {@value}. */\n");
            out.append(declaration).append(separator).append(literal).append('\n');
        });
        out.append("\n    private PermissionGroups() {}\n}\n");
        return out.toString();
    }

    @Test
    void sourceFileMatchesTheCatalog() throws IOException {
        String expected = render(PermissionGroupCatalog.bundled());
        if (Boolean.getBoolean("cftokens.regenerate")) {
            Files.writeString(SOURCE, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.readString(SOURCE, StandardCharsets.UTF_8);
        if (!actual.equals(expected)) {
            fail(SOURCE + " disagrees with the bundled catalog; rerun this test with"
                    + " -Dcftokens.regenerate=true to rewrite it");
        }
    }

    @Test
    void everyDistinctNameHasExactlyOneConstant() throws IllegalAccessException {
        Map<String, String> fields = new TreeMap<>();
        for (Field field : PermissionGroups.class.getDeclaredFields()) {
            assertThat(Modifier.isStatic(field.getModifiers())
                            && Modifier.isFinal(field.getModifiers())
                            && Modifier.isPublic(field.getModifiers()))
                    .as(field.getName())
                    .isTrue();
            fields.put(field.getName(), (String) field.get(null));
        }
        PermissionGroupCatalog catalog = PermissionGroupCatalog.bundled();
        assertThat(fields.values()).containsExactlyInAnyOrderElementsOf(catalog.names());
        fields.forEach((constant, name) -> assertThat(constantName(name)).isEqualTo(constant));
    }

    @Test
    void constantNamesFollowTheContract() {
        assertThat(constantName("Zone Read")).isEqualTo("ZONE_READ");
        assertThat(constantName("Access: Apps and Policies Read")).isEqualTo("ACCESS_APPS_AND_POLICIES_READ");
        assertThat(PermissionGroups.ZONE_READ).isEqualTo("Zone Read");
        assertThat(PermissionGroups.WORKERS_ROUTES_WRITE).isEqualTo("Workers Routes Write");
    }
}
