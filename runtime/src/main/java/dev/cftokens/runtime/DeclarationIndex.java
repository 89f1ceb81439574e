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
import java.util.HashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * What the processor's index on a class path holds: the binary name of every provisioner ({@code
 * META-INF/cftokens/<name>}). Each directory and jar is read once, however many times the loader and the extra
 * entries name it.
 */
final class DeclarationIndex {
    private static final Pattern BINARY_NAME = Pattern.compile(
            "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                    + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*(\\$[\\p{javaJavaIdentifierPart}]+)*");

    private final SortedSet<String> names = new TreeSet<>();
    private final Set<Path> read = new HashSet<>();

    private DeclarationIndex() {}

    /**
     * Reads the index of every {@code META-INF/cftokens} directory {@code loader} sees, then of the directories
     * and jars of {@code classPath}.
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
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    add(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
    }

    private void readJar(JarFile jar) throws IOException {
        for (JarEntry entry : Collections.list(jar.entries())) {
            String entryName = entry.getName();
            if (!entry.isDirectory()
                    && entryName.startsWith(Declarations.DIRECTORY)
                    && entryName.indexOf('/', Declarations.DIRECTORY.length()) < 0) {
                add(
                        entryName.substring(Declarations.DIRECTORY.length()),
                        new String(bytes(jar, entry), StandardCharsets.UTF_8));
            }
        }
    }

    private static byte[] bytes(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private void add(String resource, String content) {
        String name = content.strip();
        if (!BINARY_NAME.matcher(name).matches()) {
            throw new IllegalStateException(Declarations.DIRECTORY + resource
                    + " should hold a provisioner's binary class name, such as com.acme.ReadonlyTokenProvisioner, not \""
                    + name + "\"");
        }
        names.add(name);
    }
}
