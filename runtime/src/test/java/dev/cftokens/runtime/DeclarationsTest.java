package dev.cftokens.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.runtime.provision.DeclarationScope;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclarationsTest {
    private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

    @TempDir
    Path dir;

    /** A class directory holding what the processor writes: one resource per provisioner. */
    private Path classesDirectory(String... provisioners) throws IOException {
        Path classes = dir.resolve("classes");
        Path resources = Files.createDirectories(classes.resolve(Declarations.DIRECTORY));
        for (String provisioner : provisioners) {
            Files.writeString(resources.resolve(provisioner), provisioner + "\n");
        }
        return classes;
    }

    private static URLClassLoader loader(Path entry) throws IOException {
        return new URLClassLoader(new URL[] {entry.toUri().toURL()}, DeclarationsTest.class.getClassLoader());
    }

    @Test
    void loadsEveryDeclarationWhoseInputsAreGivenAndNamesTheOthers() throws IOException {
        Path classes = classesDirectory(
                ZoneTokenProvisioner.class.getName(), ZoneTokenProvisioner.AccountToken.class.getName());
        try (URLClassLoader loader = loader(classes)) {
            Declarations declarations = Declarations.on(loader);
            assertThat(declarations.provisionerNames())
                    .containsExactly(
                            ZoneTokenProvisioner.class.getName(), ZoneTokenProvisioner.AccountToken.class.getName());

            Declarations.Found without = declarations.load(Map.of());
            assertThat(without.provisioners())
                    .extracting(provisioner -> provisioner.declaration().id())
                    .containsExactly("account-token");
            assertThat(without.needsInputs())
                    .containsExactly(new Declarations.NeedsInputs(
                            "zone-token", ZoneTokenProvisioner.class.getName(), List.of("zoneId")));
            assertThat(without.scope()).isEqualTo(DeclarationScope.PARTIAL);
            assertThat(without.inputs()).containsExactly(Map.entry("zone-token", List.of("zoneId")));

            Declarations.Found with = declarations.load(Map.of("zone-token", Map.of("zoneId", ZONE)));
            assertThat(with.provisioners()).hasSize(2);
            assertThat(with.provisioners().get(0).inputs()).containsExactly(Map.entry("zoneId", ZONE));
            assertThat(with.needsInputs()).isEmpty();
            assertThat(with.scope()).isEqualTo(DeclarationScope.COMPLETE);
        }
    }

    @Test
    void readsAJarWithoutDirectoryEntriesGivenOnTheClassPath() throws IOException {
        Path jar = dir.resolve("app.jar");
        String name = ZoneTokenProvisioner.AccountToken.class.getName();
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(Declarations.DIRECTORY + name));
            out.write(name.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (URLClassLoader loader = loader(jar)) {
            // A directory look-up through the loader cannot see entries of a jar without directory entries.
            assertThat(Declarations.on(loader).provisionerNames()).isEmpty();
            assertThat(Declarations.on(loader, List.of(jar)).provisionerNames()).containsExactly(name);
        }
    }

    @Test
    void aResourceNamingNoProvisionerFailsNamingIt() throws IOException {
        Path classes = classesDirectory("com.acme.MissingProvisioner");
        try (URLClassLoader loader = loader(classes)) {
            assertThatThrownBy(() -> Declarations.on(loader).load(Map.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("com.acme.MissingProvisioner")
                    .hasMessageContaining("not on the class path");
        }
        Files.writeString(classes.resolve(Declarations.DIRECTORY + "bad"), "not a class name!");
        try (URLClassLoader loader = loader(classes)) {
            assertThatThrownBy(() -> Declarations.on(loader).provisionerNames())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("\"not a class name!\"");
        }
    }
}
