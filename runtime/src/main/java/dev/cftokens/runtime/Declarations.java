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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * What is wrong with one input value given for the declarations {@link #load} found, or with its
     * absence, as {@link Found#problems} tells it. The command line, the Maven plugin and the Spring Boot
     * starter each render these in their own words (a flag, a property); {@link #message()} is the runtime's.
     *
     * @param kind what is wrong
     * @param declarationId the declaration's id as given, such as {@code restricted-token}
     * @param input the input's name as given, such as {@code zoneId}
     * @param declaredInputs the inputs the declaration has, in declaration order; empty when it has none or
     *     no declaration has the id
     */
    public record InputProblem(Kind kind, String declarationId, String input, List<String> declaredInputs) {
        /** What is wrong with an input value. */
        public enum Kind {
            /** A value for a declaration id that no declaration found has. */
            UNKNOWN_DECLARATION,
            /** A value for a declaration that has no inputs. */
            NO_INPUTS,
            /** A value for an input the declaration does not have. */
            UNKNOWN_INPUT,
            /** A value that is empty or white space, which names no resource. */
            BLANK,
            /** A value holding a line break or another control character, as one pasted with a newline does. */
            CONTROL_CHARACTER,
            /** No value for an input the declaration has. */
            MISSING
        }

        /**
         * Checks and copies the components.
         *
         * @param kind what is wrong
         * @param declarationId the declaration's id as given
         * @param input the input's name as given
         * @param declaredInputs the inputs the declaration has, in declaration order
         */
        public InputProblem {
            requireNonNull(kind, "kind");
            requireNonNull(declarationId, "declarationId");
            requireNonNull(input, "input");
            declaredInputs = List.copyOf(declaredInputs);
        }

        /** {@return what is wrong, naming the declaration and the input, and what would be right} */
        public String message() {
            String name = declarationId + "." + input;
            return switch (kind) {
                case UNKNOWN_DECLARATION ->
                    "a value is given for " + name + ", but no declaration has the id \"" + declarationId + "\"";
                case NO_INPUTS -> "a value is given for " + name + ", but " + declarationId + " has no inputs";
                case UNKNOWN_INPUT ->
                    "a value is given for " + name + ", but " + declarationId
                            + " has no input of that name; its inputs are " + String.join(", ", declaredInputs);
                case BLANK -> "the value of " + name + " is blank; give the value the input stands for";
                case CONTROL_CHARACTER ->
                    "the value of " + name + " holds a line break or another control character; give it on one line";
                case MISSING -> "no value is given for " + name + ", which " + declarationId + " needs";
            };
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
         * Checks {@code given} against these declarations: every value must be for an input a declaration
         * has, and hold something on one line, and every input of every declaration needs a value. The one
         * check of input values, whose problems each front end renders; a run with any of them would leave a
         * token out or ask Cloudflare for a key that names no resource.
         *
         * @param given input values by declaration id, then by input name, as given to {@link #load}
         * @return the problems: those of the given values in their order, then the missing values in
         *     declaration order; empty when all is well
         */
        public List<InputProblem> problems(Map<String, Map<String, String>> given) {
            requireNonNull(given, "given");
            Set<String> withoutInputs = new HashSet<>();
            provisioners.forEach(provisioner -> {
                TokenDeclaration declaration = provisioner.declaration();
                if (declaration.inputs().isEmpty()) {
                    withoutInputs.add(declaration.id());
                }
            });
            List<InputProblem> problems = new ArrayList<>();
            given.forEach((id, values) -> {
                List<String> declared = inputs.getOrDefault(id, List.of());
                valuesOf(values).forEach((input, value) -> {
                    InputProblem.Kind kind;
                    if (!inputs.containsKey(id)) {
                        kind = withoutInputs.contains(id)
                                ? InputProblem.Kind.NO_INPUTS
                                : InputProblem.Kind.UNKNOWN_DECLARATION;
                    } else if (!declared.contains(input)) {
                        kind = InputProblem.Kind.UNKNOWN_INPUT;
                    } else if (value == null || value.isBlank()) {
                        kind = InputProblem.Kind.BLANK;
                    } else if (hasControlCharacters(value)) {
                        kind = InputProblem.Kind.CONTROL_CHARACTER;
                    } else {
                        return;
                    }
                    problems.add(new InputProblem(kind, id, input, declared));
                });
            });
            inputs.forEach((id, declared) -> {
                Map<String, String> values = valuesOf(given.get(id));
                declared.stream()
                        .filter(input -> !values.containsKey(input))
                        .forEach(input ->
                                problems.add(new InputProblem(InputProblem.Kind.MISSING, id, input, declared)));
            });
            return List.copyOf(problems);
        }

        private static Map<String, String> valuesOf(Map<String, String> values) {
            return values == null ? Map.of() : values;
        }

        /** Line breaks, tabs, other controls and invisible format characters (a zero-width space). */
        private static boolean hasControlCharacters(String value) {
            return value.codePoints()
                    .anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
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
     *     not exist are ignored ({@link Found#problems} names them and every other wrong value)
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
            // A null value is no value: the provisioner would refuse it, so the declaration waits as if unset.
            List<String> missing = inputNames.stream()
                    .filter(input -> given.get(input) == null)
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
