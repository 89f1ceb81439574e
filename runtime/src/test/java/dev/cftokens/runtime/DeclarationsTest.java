package dev.cftokens.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.cftokens.runtime.provision.DeclarationScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /** The class file of {@code type}, as its compiler wrote it. */
    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + classFileName(type))) {
            return in.readAllBytes();
        }
    }

    private static String classFileName(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    /** Copies the class file of {@code type} into {@code classes}, beside the index that names it. */
    private static void copyClassFile(Path classes, Class<?> type) throws IOException {
        Path file = classes.resolve(classFileName(type));
        Files.createDirectories(file.getParent());
        Files.write(file, classFile(type));
    }

    @Test
    void readsDeclarationsFromTheClassFilesBesideTheIndex() throws IOException {
        String zone = ZoneTokenProvisioner.class.getName();
        String account = ZoneTokenProvisioner.AccountToken.class.getName();
        Path classes = classesDirectory(zone, account);
        copyClassFile(classes, ZoneTokenProvisioner.class);
        copyClassFile(classes, ZoneTokenProvisioner.AccountToken.class);
        try (URLClassLoader loader = loader(classes)) {
            Declarations.Found without =
                    Declarations.on(loader, List.of(classes)).load(Map.of());
            assertThat(without.provisioners())
                    .singleElement()
                    .satisfies(provisioner -> assertThat(provisioner.declaration())
                            .isEqualTo(
                                    ZoneTokenProvisioner.AccountToken.create().declaration()));
            assertThat(without.needsInputs())
                    .containsExactly(new Declarations.NeedsInputs("zone-token", zone, List.of("zoneId")));
            assertThat(without.inputs()).containsExactly(Map.entry("zone-token", List.of("zoneId")));

            Declarations.Found with = Declarations.on(loader).load(Map.of("zone-token", Map.of("zoneId", ZONE)));
            TokenProvisioner<?> zoneToken = with.provisioners().get(0);
            assertThat(zoneToken.declaration())
                    .isEqualTo(ZoneTokenProvisioner.create(ZONE).declaration());
            assertThat(zoneToken.inputs()).containsExactly(Map.entry("zoneId", ZONE));
            assertThat(zoneToken.tokenType()).isEqualTo(ZoneTokenProvisioner.ZoneToken.class);
            assertThat(zoneToken).hasToString("ZoneTokenProvisioner[id=zone-token, inputs={zoneId=" + ZONE + "}]");
            assertThat(with.scope()).isEqualTo(DeclarationScope.COMPLETE);
        }
    }

    @Test
    void aClassThatIsNoProvisionerFailsNamingWhatItMustImplement() throws IOException {
        String notAProvisioner = DeclarationsTest.class.getName();
        Path classes = classesDirectory(notAProvisioner);
        copyClassFile(classes, DeclarationsTest.class);
        try (URLClassLoader loader = loader(classes)) {
            assertThatThrownBy(() -> Declarations.on(loader).load(Map.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not implement " + TokenProvisioner.class.getName());
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
            out.putNextEntry(new JarEntry(classFileName(ZoneTokenProvisioner.AccountToken.class)));
            out.write(classFile(ZoneTokenProvisioner.AccountToken.class));
            out.closeEntry();
        }
        try (URLClassLoader loader = loader(jar)) {
            // A directory look-up through the loader cannot see entries of a jar without directory entries.
            assertThat(Declarations.on(loader).provisionerNames()).isEmpty();
            assertThat(Declarations.on(loader, List.of(jar)).provisionerNames()).containsExactly(name);
            assertThat(Declarations.on(loader, List.of(jar)).load(Map.of()).provisioners())
                    .extracting(provisioner -> provisioner.declaration().id())
                    .containsExactly("account-token");
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

    @Test
    void problemsNameEveryValueNoInputTakesThenEveryBadValueThenEveryMissingOne() throws IOException {
        Path classes = classesDirectory(
                ZoneTokenProvisioner.class.getName(), ZoneTokenProvisioner.AccountToken.class.getName());
        try (URLClassLoader loader = loader(classes)) {
            Declarations declarations = Declarations.on(loader);
            Map<String, Map<String, String>> given = new LinkedHashMap<>();
            given.put("nope", Map.of("zoneId", ZONE));
            given.put("account-token", Map.of("zoneId", ZONE));
            Map<String, String> zone = new LinkedHashMap<>();
            zone.put("zone", ZONE);
            zone.put("zoneId", " ");
            given.put("zone-token", zone);

            List<Declarations.InputProblem> problems = declarations.load(given).problems(given);

            assertThat(problems)
                    .extracting(
                            Declarations.InputProblem::kind, problem -> problem.declarationId() + "." + problem.input())
                    .containsExactly(
                            tuple(Declarations.InputProblem.Kind.UNKNOWN_DECLARATION, "nope.zoneId"),
                            tuple(Declarations.InputProblem.Kind.NO_INPUTS, "account-token.zoneId"),
                            tuple(Declarations.InputProblem.Kind.UNKNOWN_INPUT, "zone-token.zone"),
                            tuple(Declarations.InputProblem.Kind.BLANK, "zone-token.zoneId"));
            assertThat(problems)
                    .extracting(Declarations.InputProblem::message)
                    .containsExactly(
                            "a value is given for nope.zoneId, but no declaration has the id \"nope\"",
                            "a value is given for account-token.zoneId, but account-token has no inputs",
                            "a value is given for zone-token.zone, but zone-token has no input of that name; its"
                                    + " inputs are zoneId",
                            "the value of zone-token.zoneId is blank; give the value the input stands for");

            Map<String, Map<String, String>> pasted = Map.of("zone-token", Map.of("zoneId", ZONE + "\n"));
            assertThat(declarations.load(pasted).problems(pasted))
                    .containsExactly(new Declarations.InputProblem(
                            Declarations.InputProblem.Kind.CONTROL_CHARACTER,
                            "zone-token",
                            "zoneId",
                            List.of("zoneId")));
            Map<String, Map<String, String>> zeroWidth = Map.of("zone-token", Map.of("zoneId", ZONE + "\u200b"));
            assertThat(declarations.load(zeroWidth).problems(zeroWidth))
                    .extracting(Declarations.InputProblem::kind)
                    .containsExactly(Declarations.InputProblem.Kind.CONTROL_CHARACTER);

            assertThat(declarations.load(Map.of()).problems(Map.of()))
                    .singleElement()
                    .satisfies(missing -> {
                        assertThat(missing.kind()).isEqualTo(Declarations.InputProblem.Kind.MISSING);
                        assertThat(missing.message())
                                .isEqualTo("no value is given for zone-token.zoneId, which" + " zone-token needs");
                    });
            Map<String, Map<String, String>> right = Map.of("zone-token", Map.of("zoneId", ZONE));
            assertThat(declarations.load(right).problems(right)).isEmpty();
        }
    }

    @Test
    void aNullValueLeavesItsDeclarationWaitingForOneInsteadOfFailingItsCreate() throws IOException {
        Path classes = classesDirectory(ZoneTokenProvisioner.class.getName());
        try (URLClassLoader loader = loader(classes)) {
            Map<String, String> values = new HashMap<>();
            values.put("zoneId", null);
            Map<String, Map<String, String>> given = Map.of("zone-token", values);

            Declarations.Found found = Declarations.on(loader).load(given);

            assertThat(found.provisioners()).isEmpty();
            assertThat(found.needsInputs())
                    .extracting(Declarations.NeedsInputs::declarationId)
                    .containsExactly("zone-token");
            assertThat(found.problems(given))
                    .extracting(Declarations.InputProblem::kind)
                    .containsExactly(Declarations.InputProblem.Kind.BLANK);
        }
    }
}
