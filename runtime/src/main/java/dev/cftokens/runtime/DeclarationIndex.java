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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
 * META-INF/cftokens/<name>}) and, when asked, each declaration's JSON as the provisioner's class file beside the
 * index carries it, read without loading the class. Each directory and jar is read once, however many times the
 * loader and the extra entries name it.
 */
final class DeclarationIndex {
    private static final Pattern BINARY_NAME = Pattern.compile(
            "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                    + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*(\\$[\\p{javaJavaIdentifierPart}]+)*");

    private final boolean withDeclarations;
    private final SortedSet<String> names = new TreeSet<>();
    private final Map<String, String> declarations = new HashMap<>();
    private final Set<Path> read = new HashSet<>();

    private DeclarationIndex(boolean withDeclarations) {
        this.withDeclarations = withDeclarations;
    }

    /**
     * Reads the index of every {@code META-INF/cftokens} directory {@code loader} sees, then of the directories
     * and jars of {@code classPath}. With {@code withDeclarations}, also each declaration's JSON from the class
     * file in the same directory or jar as its index entry (a name without its class there is left to the class
     * look-up, which finds it elsewhere or fails naming it); where two entries hold both, the first read wins, as
     * the loader's first class would.
     */
    static DeclarationIndex read(ClassLoader loader, Collection<Path> classPath, boolean withDeclarations) {
        DeclarationIndex index = new DeclarationIndex(withDeclarations);
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

    /** The JSON of the declaration whose provisioner is {@code name}, when its class file gave it. */
    Optional<String> declaration(String name) {
        return Optional.ofNullable(declarations.get(name));
    }

    private void readUrl(URL url) throws IOException, URISyntaxException {
        if ("file".equals(url.getProtocol())) {
            readDirectory(Path.of(url.toURI()));
        } else if ("jar".equals(url.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            if (firstRead(Path.of(connection.getJarFileURL().toURI()))) {
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
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    found.add(add(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
        }
        if (withDeclarations) {
            // The class path entry: the index is its META-INF/cftokens.
            Path root = directory.getParent().getParent();
            for (String name : found) {
                Path classFile = root.resolve(classFile(name));
                if (!declarations.containsKey(name) && Files.isRegularFile(classFile)) {
                    declaration(name, Files.readAllBytes(classFile));
                }
            }
        }
    }

    private void readJar(JarFile jar) throws IOException {
        List<String> found = new ArrayList<>();
        for (JarEntry entry : Collections.list(jar.entries())) {
            String entryName = entry.getName();
            if (!entry.isDirectory()
                    && entryName.startsWith(Declarations.DIRECTORY)
                    && entryName.indexOf('/', Declarations.DIRECTORY.length()) < 0) {
                found.add(add(
                        entryName.substring(Declarations.DIRECTORY.length()),
                        new String(bytes(jar, entry), StandardCharsets.UTF_8)));
            }
        }
        if (withDeclarations) {
            for (String name : found) {
                JarEntry classFile = jar.getJarEntry(classFile(name));
                if (!declarations.containsKey(name) && classFile != null) {
                    declaration(name, bytes(jar, classFile));
                }
            }
        }
    }

    private void declaration(String name, byte[] classFile) {
        ProvisionerClassFile.declarationJson(classFile, name).ifPresent(json -> declarations.put(name, json));
    }

    private static byte[] bytes(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private String add(String resource, String content) {
        String name = content.strip();
        if (!BINARY_NAME.matcher(name).matches()) {
            throw new IllegalStateException(Declarations.DIRECTORY + resource
                    + " should hold a provisioner's binary class name, such as com.acme.ReadonlyTokenProvisioner, not \""
                    + name + "\"");
        }
        names.add(name);
        return name;
    }

    /** The path of the provisioner's class file in its class path entry. */
    private static String classFile(String name) {
        return name.replace('.', '/') + ".class";
    }
}
