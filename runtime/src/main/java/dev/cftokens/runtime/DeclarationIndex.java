package dev.cftokens.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * What the processor's index on a class path holds: the binary name of every provisioner ({@code
 * META-INF/cftokens/<name>}) and, from processors that write it, each declaration's JSON ({@code
 * META-INF/cftokens/declarations/<name>.json}), which spares a run loading and verifying two classes per
 * declaration. Each directory and jar is read once, however many times the loader and the extra entries name it.
 */
final class DeclarationIndex {
    /** Where the processor writes each declaration's JSON, under the index (older runtimes skip the directory). */
    static final String JSON_DIRECTORY = Declarations.DIRECTORY + "declarations/";

    private static final String JSON_SUFFIX = ".json";

    private static final Pattern BINARY_NAME = Pattern.compile(
            "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                    + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*(\\$[\\p{javaJavaIdentifierPart}]+)*");

    private final SortedSet<String> names = new TreeSet<>();
    private final Map<String, String> declarations = new HashMap<>();
    private final Set<Path> read = new HashSet<>();

    private DeclarationIndex() {}

    /**
     * Reads the index of every {@code META-INF/cftokens} directory {@code loader} sees, then of the directories
     * and jars of {@code classPath}. A declaration's JSON counts only beside its class, in the same directory or
     * jar (a stale file without its class is left to the class look-up, which fails naming it); where two entries
     * hold both, the first read wins, as the loader's first class would.
     */
    static DeclarationIndex read(ClassLoader loader, Collection<Path> classPath) {
        DeclarationIndex index = new DeclarationIndex();
        String directory = Declarations.DIRECTORY.substring(0, Declarations.DIRECTORY.length() - 1);
        try {
            for (URL url : Collections.list(loader.getResources(directory))) {
                index.readUrl(url);
            }
            for (Path entry : classPath) {
                index.readEntry(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + Declarations.DIRECTORY + " on the class path: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a class path URL is not a URI: " + e.getMessage(), e);
        }
        return index;
    }

    /** The binary names of every provisioner, sorted. */
    SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(names);
    }

    /** The JSON of the declaration whose provisioner is {@code name}, when the index holds it. */
    Optional<String> declaration(String name) {
        return Optional.ofNullable(declarations.get(name));
    }

    private void readUrl(URL url) throws IOException, URISyntaxException {
        if ("file".equals(url.getProtocol())) {
            readDirectory(Path.of(url.toURI()));
        } else if ("jar".equals(url.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            Path jarPath = Path.of(connection.getJarFileURL().toURI());
            if (firstRead(jarPath)) {
                try (JarFile jar = connection.getJarFile()) {
                    readJar(jar);
                }
            }
        }
    }

    private void readEntry(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            readDirectory(entry.resolve(Declarations.DIRECTORY));
        } else if (Files.isRegularFile(entry) && firstRead(entry)) {
            try (JarFile jar = new JarFile(entry.toFile())) {
                readJar(jar);
            }
        }
    }

    private boolean firstRead(Path path) {
        return read.add(path.toAbsolutePath().normalize());
    }

    private void readDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory) || !firstRead(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    addName(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        Path jsonDirectory = directory.resolve("declarations");
        if (Files.isDirectory(jsonDirectory)) {
            // The class path entry: the index is its META-INF/cftokens.
            Path root = directory.getParent().getParent();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(jsonDirectory, "*" + JSON_SUFFIX)) {
                for (Path file : files) {
                    String name = nameOf(file.getFileName().toString());
                    if (Files.isRegularFile(root.resolve(classFile(name)))) {
                        declarations.putIfAbsent(name, Files.readString(file, StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    private void readJar(JarFile jar) throws IOException {
        for (JarEntry entry : Collections.list(jar.entries())) {
            String entryName = entry.getName();
            if (entry.isDirectory() || !entryName.startsWith(Declarations.DIRECTORY)) {
                continue;
            }
            if (entryName.indexOf('/', Declarations.DIRECTORY.length()) < 0) {
                addName(entryName.substring(Declarations.DIRECTORY.length()), content(jar, entry));
            } else if (entryName.startsWith(JSON_DIRECTORY)
                    && entryName.endsWith(JSON_SUFFIX)
                    && entryName.indexOf('/', JSON_DIRECTORY.length()) < 0) {
                String name = nameOf(entryName.substring(JSON_DIRECTORY.length()));
                if (jar.getEntry(classFile(name)) != null) {
                    declarations.putIfAbsent(name, content(jar, entry));
                }
            }
        }
    }

    private static String content(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void addName(String resource, String content) {
        String name = content.strip();
        if (!BINARY_NAME.matcher(name).matches()) {
            throw new IllegalStateException(Declarations.DIRECTORY + resource
                    + " should hold a provisioner's binary class name, such as com.acme.ReadonlyTokenProvisioner, not \""
                    + name + "\"");
        }
        names.add(name);
    }

    /** The provisioner's binary name, from its JSON's file name. */
    private static String nameOf(String jsonFileName) {
        return jsonFileName.substring(0, jsonFileName.length() - JSON_SUFFIX.length());
    }

    /** The path of the provisioner's class file in its class path entry. */
    private static String classFile(String name) {
        return name.replace('.', '/') + ".class";
    }
}
