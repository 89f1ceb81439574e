package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenDeclaration;
import dev.cftokens.runtime.provision.DeclarationScope;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.stream.Stream;

/**
 * The application's declarations, found on a class path without anybody listing them: the annotation
 * processor writes one resource per declaration, {@code META-INF/cftokens/<provisioner binary name>},
 * holding that name (one file each keeps the processor isolating for Gradle). This is how the command line
 * and the build and framework integrations find what to provision; each provisioner's class is loaded and
 * created to read its declaration.
 *
 * <pre>{@code
 * Declarations declarations = Declarations.on(getClass().getClassLoader());
 * Provisioning.with(cloudflare).apply(() -> declarations.load(Map.of()));
 * }</pre>
 *
 * <p>Directories are listed for {@code file:} URLs and entries for {@code jar:} URLs; the extra class path
 * entries given to {@link #on(ClassLoader, Collection)} are also scanned entry by entry, since a jar need
 * not contain directory entries (and then its resources are invisible to a directory look-up).
 */
public final class Declarations {
    /** Where the processor writes one resource per declaration. */
    public static final String DIRECTORY = TokenDeclaration.INDEX_DIRECTORY;

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
        return DeclarationIndex.read(loader, classPath).names();
    }

    /**
     * Creates every provisioner: those without inputs as {@code create()} would, those with inputs as {@code
     * create(values...)} would when {@code inputs} holds a value for each. Each provisioner's class is loaded.
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
            // Created with placeholder inputs to read its declaration, as MapStruct's Mappers loads a mapper.
            TokenProvisioner<?> probe = create(loader, name, null);
            TokenDeclaration declaration = probe.declaration();
            String id = declaration.id();
            List<String> inputNames = declaration.inputs();
            if (inputNames.isEmpty()) {
                provisioners.add(probe);
                continue;
            }
            declaredInputs.put(id, inputNames);
            Map<String, String> given = inputs.getOrDefault(id, Map.of());
            List<String> missing = inputNames.stream()
                    .filter(input -> !given.containsKey(input))
                    .toList();
            if (missing.isEmpty()) {
                provisioners.add(
                        create(loader, name, inputNames.stream().map(given::get).toArray(String[]::new)));
            } else {
                needsInputs.add(new NeedsInputs(id, name, missing));
            }
        }
        return new Found(provisioners, needsInputs, declaredInputs);
    }

    /**
     * Loads and creates the provisioner {@code name} with {@code values} for its inputs, or with placeholder
     * values when {@code values} is null, only to read its declaration.
     */
    static TokenProvisioner<?> create(ClassLoader loader, String name, String[] values) {
        Method create = createMethod(loader, name);
        Object[] arguments = new Object[create.getParameterCount()];
        if (values != null && values.length != arguments.length) {
            throw new IllegalStateException(name + ".create takes " + arguments.length + " input values, but its"
                    + " declaration names " + values.length + " inputs; recompile it with the cftokens annotation"
                    + " processor");
        }
        for (int i = 0; i < arguments.length; i++) {
            // Placeholders only to read the declaration: create(...) checks for null, and the probe is never
            // provisioned.
            arguments[i] = values == null ? "" : values[i];
        }
        return invoke(create, name, arguments);
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
        try {
            return (TokenProvisioner<?>) create.invoke(null, arguments);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + name + ".create: " + e.getMessage(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(name + ".create failed: " + e.getCause(), e.getCause());
        }
    }
}
