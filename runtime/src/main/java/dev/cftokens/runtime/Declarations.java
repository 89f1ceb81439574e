package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.provision.DeclarationScope;
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
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The application's declarations, found on a class path without anybody listing them: the annotation
 * processor writes one resource per declaration, {@code META-INF/cftokens/<provisioner binary name>},
 * holding that name (one file each keeps the processor isolating for Gradle). This is how the command
 * line and the build and framework integrations find what to provision.
 *
 * <pre>{@code
 * Declarations.Found found = Declarations.on(getClass().getClassLoader()).load(Map.of());
 * Provisioning.with(cloudflare).apply(found.provisioners(), found.scope());
 * }</pre>
 *
 * <p>Directories are listed for {@code file:} URLs and entries for {@code jar:} URLs; the extra class path
 * entries given to {@link #on(ClassLoader, Collection)} are also scanned entry by entry, since a jar need
 * not contain directory entries (and then its resources are invisible to a directory look-up).
 */
public final class Declarations {
    /** Where the processor writes one resource per declaration. */
    public static final String DIRECTORY = "META-INF/cftokens/";

    private static final Pattern BINARY_NAME = Pattern.compile(
            "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                    + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*(\\$[\\p{javaJavaIdentifierPart}]+)*");

    private final ClassLoader loader;
    private final List<Path> classPath;

    private Declarations(ClassLoader loader, List<Path> classPath) {
        this.loader = requireNonNull(loader, "loader");
        this.classPath = List.copyOf(classPath);
    }

    /**
     * {@return the declarations visible to {@code loader}, which also loads their provisioners}
     *
     * @param loader the class loader whose {@code META-INF/cftokens/} resources list the declarations
     */
    public static Declarations on(ClassLoader loader) {
        return new Declarations(loader, List.of());
    }

    /**
     * The declarations visible to {@code loader} and in the directories and jars of {@code classPath}
     * (which {@code loader} must be able to load classes from).
     *
     * @param loader the class loader that loads the provisioners
     * @param classPath extra directories and jars to scan entry by entry
     * @return the declarations found through both
     */
    public static Declarations on(ClassLoader loader, Collection<Path> classPath) {
        return new Declarations(loader, List.copyOf(classPath));
    }

    /**
     * A declaration whose provisioner needs input values that were not given, so it was not loaded.
     *
     * @param className the provisioner's binary name
     * @param missingInputs the names of the inputs without a value, in declaration order
     * @param declarationId the declaration's id, such as {@code readonly-token}
     */
    public record NeedsInputs(String declarationId, String className, List<String> missingInputs) {
        /**
         * Copies the components.
         *
         * @param declarationId the declaration's id
         * @param className the provisioner's binary name
         * @param missingInputs the names of the inputs without a value, in declaration order
         */
        public NeedsInputs {
            missingInputs = List.copyOf(missingInputs);
        }
    }

    /**
     * What {@link #load} found: provisioners ready to run, and the declarations left out for want of
     * input values.
     *
     * @param inputs every declared input name of every declaration that has inputs, by declaration id
     * @param provisioners the provisioners ready to run, in the order of their binary names
     * @param needsInputs the declarations left out for want of input values
     */
    public record Found(
            List<TokenProvisioner<?>> provisioners, List<NeedsInputs> needsInputs, Map<String, List<String>> inputs) {
        /**
         * Copies the components.
         *
         * @param provisioners the provisioners ready to run
         * @param needsInputs the declarations left out for want of input values
         * @param inputs every declared input name of every declaration that has inputs, by declaration id
         */
        public Found {
            provisioners = List.copyOf(provisioners);
            needsInputs = List.copyOf(needsInputs);
            inputs = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        }

        /**
         * {@link DeclarationScope#COMPLETE} when every declaration was loaded, so recorded tokens absent from
         * them may be deleted; {@link DeclarationScope#PARTIAL} when some need inputs that were not given.
         *
         * @return the scope to plan with
         */
        public DeclarationScope scope() {
            return needsInputs.isEmpty() ? DeclarationScope.COMPLETE : DeclarationScope.PARTIAL;
        }
    }

    /** {@return the binary names of every declared provisioner, sorted} */
    public SortedSet<String> provisionerNames() {
        SortedSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> directories = loader.getResources(DIRECTORY.substring(0, DIRECTORY.length() - 1));
            for (URL url : Collections.list(directories)) {
                readUrl(url, names);
            }
            for (Path entry : classPath) {
                readEntry(entry, names);
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
     *
     * @param inputs input values by declaration id, then by input name; values for declarations that do
     *     not exist are ignored (compare with {@link Found#inputs()} to reject them)
     * @return the provisioners created and the declarations that still need inputs
     * @throws IllegalStateException when a resource names a class that is missing or not a provisioner
     */
    public Found load(Map<String, Map<String, String>> inputs) {
        List<TokenProvisioner<?>> provisioners = new ArrayList<>();
        List<NeedsInputs> needsInputs = new ArrayList<>();
        Map<String, List<String>> declaredInputs = new java.util.LinkedHashMap<>();
        for (String name : provisionerNames()) {
            Method create = createMethod(loader, name);
            int arity = create.getParameterCount();
            TokenProvisioner<?> probe = invoke(create, name, new Object[arity]);
            if (arity == 0) {
                provisioners.add(probe);
                continue;
            }
            String id = probe.declaration().id();
            List<String> inputNames = probe.declaration().inputs();
            declaredInputs.put(id, inputNames);
            Map<String, String> given = inputs.getOrDefault(id, Map.of());
            List<String> missing = inputNames.stream()
                    .filter(input -> !given.containsKey(input))
                    .toList();
            if (missing.isEmpty()) {
                provisioners.add(
                        invoke(create, name, inputNames.stream().map(given::get).toArray()));
            } else {
                needsInputs.add(new NeedsInputs(id, name, missing));
            }
        }
        return new Found(provisioners, needsInputs, declaredInputs);
    }

    private static void readUrl(URL url, Set<String> names) throws IOException, URISyntaxException {
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

    private static void readEntry(Path entry, Set<String> names) throws IOException {
        if (Files.isDirectory(entry)) {
            readDirectory(entry.resolve(DIRECTORY), names);
        } else if (Files.isRegularFile(entry)) {
            try (JarFile jar = new JarFile(entry.toFile())) {
                readJar(jar, names);
            }
        }
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
        try {
            // Most declarations have no inputs: looking up create() alone skips building every public method of
            // the class and its superclasses: 14 ms to 2 ms for 200 declarations on a cold JVM.
            Method create = type.getMethod("create");
            if (Modifier.isStatic(create.getModifiers())
                    && TokenProvisioner.class.isAssignableFrom(create.getReturnType())) {
                return create;
            }
        } catch (NoSuchMethodException withInputs) {
            // create(String...) with one String per input: found among all the public methods below.
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
