package dev.cftokens.spring;

import dev.cftokens.runtime.TokenProvisioner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The declarations recorded on the application's class path: the annotation processor writes one
 * resource per declaration, {@code META-INF/cftokens/<provisioner binary name>}, holding that name.
 * Spring's resolver reads them from directories, jars and a Boot executable jar's nested jars alike.
 *
 * <p>TEMPORARY ADAPTER: the runtime's own finder ({@code dev.cftokens.runtime.cli.DeclarationFinder})
 * is not public yet; once the runtime publishes it (as {@code dev.cftokens.runtime.Declarations}), this
 * class delegates to it or goes away.
 */
final class ClassPathDeclarations {
    static final String DIRECTORY = "META-INF/cftokens/";

    private ClassPathDeclarations() {}

    /** Every recorded declaration visible to {@code loader}, by id. */
    static Map<String, DeclaredToken> find(ClassLoader loader) {
        Map<String, DeclaredToken> found = new TreeMap<>();
        Resource[] resources;
        try {
            resources = new PathMatchingResourcePatternResolver(loader).getResources("classpath*:" + DIRECTORY + "*");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DIRECTORY + " on the class path: " + e.getMessage(), e);
        }
        for (Resource resource : resources) {
            if (!resource.isReadable()) {
                continue; // a directory entry
            }
            String className = read(resource).strip();
            DeclaredToken token = DeclaredToken.of(createMethod(loader, className, resource));
            DeclaredToken previous = found.putIfAbsent(token.id(), token);
            if (previous != null && !previous.create().equals(token.create())) {
                throw new IllegalStateException("two declarations have the id \"" + token.id() + "\": "
                        + previous.tokenType().getName() + " and "
                        + token.tokenType().getName()
                        + "; give one of them another @ApiToken(id = ...)");
            }
        }
        return found;
    }

    /** The static {@code create} method of the named provisioner class. */
    static Method createMethod(ClassLoader loader, String className, Object origin) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(
                    origin + " names the class " + className + ", which is not on the class path (" + e + ")");
        }
        if (!TokenProvisioner.class.isAssignableFrom(type)) {
            throw new IllegalStateException(
                    origin + " names " + className + ", which is not a generated provisioner (a TokenProvisioner)");
        }
        return Arrays.stream(type.getMethods())
                .filter(method -> method.getName().equals("create") && Modifier.isStatic(method.getModifiers()))
                .filter(method -> Arrays.stream(method.getParameterTypes()).allMatch(p -> p == String.class))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        className + " has no static create(String...) method; regenerate it with cftokens-processor"));
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
