package dev.cftokens.runtime.cli;

import dev.cftokens.runtime.TokenProvisioner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the application's declarations on a class path without the user listing them: the annotation
 * processor writes one resource per declaration, {@code META-INF/cftokens/<provisioner binary name>},
 * holding that name (one file each keeps the processor isolating for Gradle). Directories are listed
 * for {@code file:} URLs and entries for {@code jar:} URLs; jars are also scanned entry by entry, since
 * a jar need not contain directory entries.
 */
final class DeclarationFinder {
    static final String DIRECTORY = "META-INF/cftokens/";
    private static final Pattern BINARY_NAME = Pattern.compile(
            "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                    + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*(\\$[\\p{javaJavaIdentifierPart}]+)*");

    /** A provisioner that needs input values the command line did not give. */
    record Skipped(String declarationId, String className, List<String> missingInputs) {
        String message() {
            StringBuilder flags = new StringBuilder();
            for (String input : missingInputs) {
                flags.append(" --input ")
                        .append(declarationId)
                        .append('.')
                        .append(input)
                        .append("=<value>");
            }
            return "skipped " + declarationId + " (" + className + "): it needs input values; give" + flags;
        }
    }

    /** What was found: provisioners ready to run, and those skipped for want of inputs. */
    record Found(List<TokenProvisioner<?>> provisioners, List<Skipped> skipped) {}

    private DeclarationFinder() {}

    /** The binary names of every declared provisioner visible to {@code loader} or in {@code classPath}. */
    static Set<String> provisionerNames(ClassLoader loader, List<Path> classPath) {
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<URL> directories = loader.getResources(DIRECTORY.substring(0, DIRECTORY.length() - 1));
            for (URL url : Collections.list(directories)) {
                if ("file".equals(url.getProtocol())) {
                    readDirectory(Path.of(url.toURI()), names);
                } else if ("jar".equals(url.getProtocol())) {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        readJar(jar, names);
                    }
                }
            }
            for (Path entry : classPath) {
                if (Files.isDirectory(entry)) {
                    readDirectory(entry.resolve(DIRECTORY), names);
                } else if (Files.isRegularFile(entry)) {
                    try (JarFile jar = new JarFile(entry.toFile())) {
                        readJar(jar, names);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIRECTORY + " on the class path: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a class path URL is not a URI: " + e.getMessage(), e);
        }
        return names;
    }

    /**
     * Loads and creates every provisioner: those without inputs through {@code create()}, those with
     * inputs through {@code create(values...)} when {@code inputs} holds a value for each.
     */
    static Found find(ClassLoader loader, List<Path> classPath, Map<String, Map<String, String>> inputs) {
        List<TokenProvisioner<?>> provisioners = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (String name : provisionerNames(loader, classPath)) {
            Method create = createMethod(loader, name);
            int arity = create.getParameterCount();
            TokenProvisioner<?> probe = invoke(create, name, new Object[arity]);
            if (arity == 0) {
                provisioners.add(probe);
                continue;
            }
            String id = probe.declaration().id();
            List<String> inputNames = probe.declaration().inputs();
            Map<String, String> given = inputs.getOrDefault(id, Map.of());
            List<String> missing = inputNames.stream()
                    .filter(input -> !given.containsKey(input))
                    .toList();
            if (!missing.isEmpty()) {
                skipped.add(new Skipped(id, name, missing));
                continue;
            }
            used.add(id);
            provisioners.add(
                    invoke(create, name, inputNames.stream().map(given::get).toArray()));
        }
        for (String id : inputs.keySet()) {
            if (!used.contains(id)) {
                throw new UsageException(
                        "--input names token \"" + id + "\", but no declaration with inputs has that id");
            }
        }
        return new Found(provisioners, skipped);
    }

    private static Method createMethod(ClassLoader loader, String name) {
        Class<?> type;
        try {
            type = Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(DIRECTORY + name + " names the class " + name
                    + ", which is not on the class path (" + e + "); add the application's classes with --class-path");
        }
        if (!TokenProvisioner.class.isAssignableFrom(type)) {
            throw new IllegalStateException(DIRECTORY + name + " names " + name + ", which does not implement "
                    + TokenProvisioner.class.getName());
        }
        for (Method method : type.getMethods()) {
            if (method.getName().equals("create")
                    && Modifier.isStatic(method.getModifiers())
                    && TokenProvisioner.class.isAssignableFrom(method.getReturnType())
                    && Stream.of(method.getParameterTypes()).allMatch(String.class::equals)) {
                return method;
            }
        }
        throw new IllegalStateException(name + " has no public static create(String...) method; recompile it"
                + " with the cftokens annotation processor");
    }

    private static TokenProvisioner<?> invoke(Method create, String name, Object[] arguments) {
        Object[] values = arguments.clone();
        for (int i = 0; i < values.length; i++) {
            // Only to read the declaration: create(...) checks for null, and the probe is never provisioned.
            values[i] = values[i] == null ? "" : values[i];
        }
        try {
            return (TokenProvisioner<?>) create.invoke(null, values);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + name + ".create: " + e.getMessage(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(name + ".create failed: " + e.getCause(), e.getCause());
        }
    }

    private static void readDirectory(Path directory, Set<String> names) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    add(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8), names);
                }
            }
        }
    }

    private static void readJar(JarFile jar, Set<String> names) throws IOException {
        for (JarEntry entry : Collections.list(jar.entries())) {
            String entryName = entry.getName();
            if (!entry.isDirectory()
                    && entryName.startsWith(DIRECTORY)
                    && entryName.indexOf('/', DIRECTORY.length()) < 0) {
                try (InputStream in = jar.getInputStream(entry)) {
                    add(
                            entryName.substring(DIRECTORY.length()),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8),
                            names);
                }
            }
        }
    }

    private static void add(String resource, String content, Set<String> names) {
        String name = content.strip();
        if (!BINARY_NAME.matcher(name).matches()) {
            throw new IllegalStateException(DIRECTORY + resource + " should hold a provisioner's binary class name,"
                    + " such as com.acme.ReadonlyTokenProvisioner, not \"" + name + "\"");
        }
        names.add(name);
    }
}
