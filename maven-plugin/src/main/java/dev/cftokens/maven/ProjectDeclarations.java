package dev.cftokens.maven;

import dev.cftokens.runtime.TokenProvisioner;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The declarations on a project's class path, made into provisioners with the configured input values.
 * The annotation processor records each declaration as {@code META-INF/cftokens/<provisioner binary name>}
 * in the compiled classes (and in the jars of dependencies that declare tokens).
 *
 * <p>TEMPORARY ADAPTER: the runtime's finder ({@code dev.cftokens.runtime.cli.DeclarationFinder}) is not
 * public yet; once the runtime publishes it (as {@code dev.cftokens.runtime.Declarations}), this class
 * delegates to it or goes away.
 */
final class ProjectDeclarations {
    static final String DIRECTORY = "META-INF/cftokens/";

    private ProjectDeclarations() {}

    /**
     * One provisioner per declaration on {@code classPath}, loaded through {@code loader}, with its values
     * from {@code inputs} (keyed {@code <declaration id>.<input>}).
     *
     * @throws MojoFailureException naming every missing input, or an input key no declaration has
     */
    static List<TokenProvisioner<?>> provisioners(ClassLoader loader, List<Path> classPath, Map<String, String> inputs)
            throws MojoFailureException {
        List<TokenProvisioner<?>> provisioners = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, List<String>> inputsById = new LinkedHashMap<>();
        Set<String> used = new TreeSet<>();
        for (String name : provisionerNames(classPath)) {
            Method create = createMethod(loader, name);
            TokenProvisioner<?> probe = invoke(create, new String[create.getParameterCount()]);
            String id = probe.declaration().id();
            List<String> inputNames = probe.declaration().inputs();
            inputsById.put(id, inputNames);
            String[] values = new String[inputNames.size()];
            for (int i = 0; i < values.length; i++) {
                String key = id + "." + inputNames.get(i);
                values[i] = inputs.get(key);
                if (values[i] == null) {
                    missing.add(key);
                } else {
                    used.add(key);
                }
            }
            if (missing.stream().noneMatch(key -> key.startsWith(id + "."))) {
                provisioners.add(invoke(create, values));
            }
        }
        List<String> unknown = inputs.keySet().stream()
                .filter(key -> !used.contains(key))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new MojoFailureException("cftokens: inputs name no input of a declaration: "
                    + String.join(", ", unknown) + "; the declarations and their inputs are " + inputsById);
        }
        if (!missing.isEmpty()) {
            StringBuilder flags = new StringBuilder();
            missing.forEach(
                    key -> flags.append(" -Dcftokens.inputs.").append(key).append("=<value>"));
            throw new MojoFailureException("cftokens: input values are missing: " + String.join(", ", missing)
                    + "; give them in the plugin's <inputs> (<" + missing.get(0) + ">value</" + missing.get(0)
                    + ">) or on the command line:" + flags);
        }
        return provisioners;
    }

    /** The provisioner class names recorded under {@link #DIRECTORY} in each directory and jar. */
    static Set<String> provisionerNames(List<Path> classPath) {
        Set<String> names = new TreeSet<>();
        for (Path entry : classPath) {
            try {
                if (Files.isDirectory(entry)) {
                    readDirectory(entry.resolve(DIRECTORY), names);
                } else if (Files.isRegularFile(entry)) {
                    readJar(entry, names);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + DIRECTORY + " in " + entry + ": " + e.getMessage(), e);
            }
        }
        return names;
    }

    private static void readDirectory(Path directory, Set<String> names) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    names.add(Files.readString(file, StandardCharsets.UTF_8).strip());
                }
            }
        }
    }

    private static void readJar(Path path, Set<String> names) throws IOException {
        try (JarFile jar = new JarFile(path.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(DIRECTORY) && name.indexOf('/', DIRECTORY.length()) < 0) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        names.add(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
                    }
                }
            }
        }
    }

    private static Method createMethod(ClassLoader loader, String name) {
        Class<?> type;
        try {
            type = Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(DIRECTORY + name + " names the class " + name
                    + ", which is not on the project's class path (" + e + "); compile the project first");
        }
        if (!TokenProvisioner.class.isAssignableFrom(type)) {
            throw new IllegalStateException(
                    DIRECTORY + name + " names " + name
                            + ", which is not a generated provisioner; is the project's cftokens-runtime the plugin's version?");
        }
        return Arrays.stream(type.getMethods())
                .filter(method -> method.getName().equals("create") && Modifier.isStatic(method.getModifiers()))
                .filter(method -> Arrays.stream(method.getParameterTypes()).allMatch(p -> p == String.class))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        name + " has no static create(String...) method; regenerate it with cftokens-processor"));
    }

    /** Empty strings stand in for a probe's inputs: a probe is only read, never provisioned. */
    private static TokenProvisioner<?> invoke(Method create, String[] values) {
        String[] arguments = values.clone();
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = arguments[i] == null ? "" : arguments[i];
        }
        try {
            return (TokenProvisioner<?>) create.invoke(null, (Object[]) arguments);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(
                    "cannot call " + create.getDeclaringClass().getName() + ".create: " + e.getMessage(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    create.getDeclaringClass().getName() + ".create failed: " + e.getCause(), e.getCause());
        }
    }
}
