package dev.cftokens.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatedToken;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.CloudflareException;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.state.FileStateStore;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.StateStores;
import dev.cftokens.runtime.state.TokenRecord;
import dev.cftokens.samples.consume.ConsumingService;
import dev.cftokens.samples.consume.ServiceToken;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23's "done when", run as a user runs it, each party a JVM of its own: CI applies and rotates with
 * the command line jar and the minting credential; a service ({@link ConsumingService}) started with only
 * {@code CLOUDFLARE_ACCOUNT_ID}, {@code CFTOKENS_STATE} and {@code CFTOKENS_KEY} is served the token CI
 * applied, follows a rotation forced from the command line without a restart, and, built with a changed
 * declaration that was never applied, fails before serving, naming it and what to run, with nothing changed.
 * No process prints a secret. The emulator runs in this JVM, over real HTTP, so the test can count what each
 * process asked of it. The command line jar comes from the cli module's package phase, which a reactor
 * {@code mvn verify} runs before this module's tests; {@code mvn test} alone skips this.
 */
class LeastPrivilegeDeploymentTest {
    private static final String ID = "service-token";
    private static final Path TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath();
    private static final Path DECLARATION_SOURCE =
            Path.of("src", "test", "java", "dev", "cftokens", "samples", "consume", "ServiceToken.java");
    private static final String APPLIED_NAME = "Consumed Service Token";
    private static final String CHANGED_NAME = "Consumed Service Token, renamed";
    /** Many times the service's refresh interval (PT1S), for a slow machine. */
    private static final Duration FOLLOW = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final CloudflareEmulator emulator = CloudflareEmulator.start();
    private final String key = StateKey.generate().toBase64();
    /** Another instance's key, or an old one: not the state's. */
    private final String otherKey = StateKey.generate().toBase64();
    /** The output of every process the test ran, to look for secrets in once all have run. */
    private final List<Supplier<String>> outputs = new ArrayList<>();

    /** The services started, stopped however the test ends. */
    private final List<JavaProcess> services = new ArrayList<>();

    @AfterEach
    void stop() {
        services.forEach(JavaProcess::kill);
        emulator.close();
    }

    /** A token generation as the state records it, with the value only this test and the service see. */
    private record Generation(String tokenId, Secret value) {
        /** {@return the line the service prints while it holds this generation and the value works} */
        String served() {
            return ConsumingService.inUse(value, tokenId);
        }
    }

    @Test
    @Timeout(180)
    void aServiceWithoutTheMintingCredentialIsServedFollowsRotationsAndRefusesAnUnappliedChange() throws Exception {
        assumeTrue(
                Files.isRegularFile(JavaProcess.CLI_JAR),
                "cftokens-cli.jar is built by the cli module's package phase; run mvn verify");
        Path state = Files.createDirectories(dir.resolve("shared")).resolve("state.json");
        // What the service is given: where Cloudflare is, the account, the shared state and its key.
        Map<String, String> service = new HashMap<>();
        service.put(Cloudflare.ENV_BASE_URL, emulator.baseUrl());
        service.put(Cloudflare.ENV_ACCOUNT_ID, emulator.accountId());
        service.put(StateStores.STATE_VARIABLE, state.toString());
        service.put(StateKey.KEY_VARIABLE, key);
        service.put("CFTOKENS_REFRESH_INTERVAL", "PT1S");
        // CI has the same, and the minting credential.
        Map<String, String> ci = new HashMap<>(service);
        ci.put(Cloudflare.ENV_API_TOKEN, emulator.adminToken());

        // CI applies the declaration with the minting credential.
        JavaProcess.Finished apply = cli(ci, "apply", "--class-path", TEST_CLASSES.toString());
        assertThat(apply.exitCode()).as(apply.output()).isZero();
        assertThat(apply.output()).contains("+ create " + ID);
        Generation first = recorded(state);

        // The service starts without it, and is served that token.
        emulator.resetRequestCounts();
        byte[] applied = Files.readAllBytes(state);
        JavaProcess running = service(service, classPath());
        String served = running.awaitLine(line -> line.startsWith("in use: "), FOLLOW, "the token it serves");
        assertThat(running.output().lines().findFirst())
                .hasValueSatisfying(line -> assertThat(line).contains("Mode: consume"));
        assertThat(served).isEqualTo(first.served());
        // Ten uses, 200 ms apart: its live handle has read the state since the start (at 1 s, then every 1 s).
        running.awaitLines(first.served()::equals, 10, FOLLOW, "ten uses of " + first.tokenId());
        assertThat(emulator.requestCount(RequestKind.LIST_TOKENS)).isZero();
        assertThat(tokenWrites()).isZero();
        assertThat(Files.readAllBytes(state)).as("the state the service read").isEqualTo(applied);

        // CI forces a rotation from the command line; the running service moves to the successor.
        JavaProcess.Finished rotate = cli(ci, "rotate", "--now", ID, "--class-path", TEST_CLASSES.toString());
        assertThat(rotate.exitCode()).as(rotate.output()).isZero();
        Generation second = recorded(state);
        assertThat(second.tokenId()).isNotEqualTo(first.tokenId());
        running.awaitLine(second.served()::equals, FOLLOW, "the successor " + second.tokenId() + ", verified");
        assertThat(verifiedAs(first))
                .as("the previous generation, in its overlap")
                .isEqualTo(first.tokenId());

        // A leak: CI rotates again, revoking; the service moves on, and no earlier value works any more.
        JavaProcess.Finished revoke =
                cli(ci, "rotate", "--now", "--revoke-previous", ID, "--class-path", TEST_CLASSES.toString());
        assertThat(revoke.exitCode()).as(revoke.output()).isZero();
        Generation third = recorded(state);
        assertThat(third.tokenId()).isNotIn(first.tokenId(), second.tokenId());
        running.awaitLine(third.served()::equals, FOLLOW, "the successor " + third.tokenId() + ", verified");
        assertThat(verifiedAs(second)).startsWith("nothing");
        assertThat(verifiedAs(first)).startsWith("nothing");
        assertThat(running.isAlive()).as("the service, through both rotations").isTrue();
        String serviceOutput = running.stop();
        assertThat(serviceOutput.lines().filter(line -> line.contains("Mode: ")))
                .as("the service's starts")
                .hasSize(1);

        // Revoked, and the generation that was in its overlap with it: neither is left.
        assertThat(emulator.tokens())
                .filteredOn(token -> token.name().equals(APPLIED_NAME))
                .extracting(EmulatedToken::id)
                .as("the generations left in Cloudflare")
                .containsExactly(third.tokenId());

        // However a service without the minting credential fails, it changes nothing and says what to do.
        Path changed = compileChangedDeclaration();
        Snapshot before = snapshot(state);
        emulator.resetRequestCounts();

        // Built with a changed declaration that CI never applied, it refuses to start.
        JavaProcess.Finished unapplied =
                service(service, changed + File.pathSeparator + classPath()).awaitExit(Duration.ofSeconds(60));
        assertThat(unapplied.exitCode()).as(unapplied.output()).isNotZero();
        assertThat(unapplied.output())
                .contains(
                        ID + ": the declaration changed since it was applied",
                        "name \"" + APPLIED_NAME + "\" -> \"" + CHANGED_NAME + "\"",
                        "cftokens-cli apply",
                        "mvn cftokens:apply",
                        "Nothing was changed")
                .doesNotContain("in use: ");

        // Given another key than the state's, it refuses to start, naming the setting.
        Map<String, String> wrongKey = new HashMap<>(service);
        wrongKey.put(StateKey.KEY_VARIABLE, otherKey);
        JavaProcess.Finished unreadable = service(wrongKey, classPath()).awaitExit(Duration.ofSeconds(60));
        assertThat(unreadable.exitCode()).as(unreadable.output()).isNotZero();
        assertThat(unreadable.output()).contains(StateKey.KEY_VARIABLE).doesNotContain("in use: ");

        // The command line where the service runs refuses to rotate.
        JavaProcess.Finished rotateWithout =
                cli(service, "rotate", "--now", ID, "--class-path", TEST_CLASSES.toString());
        assertThat(rotateWithout.exitCode()).as(rotateWithout.output()).isEqualTo(1);
        assertThat(rotateWithout.output()).contains("minting credential");

        assertThat(snapshot(state)).isEqualTo(before);
        assertThat(emulator.requestCount(RequestKind.LIST_TOKENS)).isZero();
        assertThat(tokenWrites()).isZero();

        for (Supplier<String> output : outputs) {
            assertThat(output.get())
                    .as("a process's output")
                    .doesNotContain(emulator.adminToken(), key, otherKey)
                    .doesNotContain(
                            first.value().reveal(),
                            second.value().reveal(),
                            third.value().reveal());
        }
    }

    /** What a run that changes nothing leaves as it was: the state, the files beside it, Cloudflare's tokens. */
    private record Snapshot(String state, List<String> stateDirectory, List<EmulatedToken> tokens) {}

    private Snapshot snapshot(Path state) throws IOException {
        try (Stream<Path> files = Files.list(state.getParent())) {
            return new Snapshot(
                    Files.readString(state, StandardCharsets.UTF_8),
                    files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList()),
                    emulator.tokens());
        }
    }

    private JavaProcess.Finished cli(Map<String, String> environment, String... args) throws Exception {
        JavaProcess.Finished finished = JavaProcess.cli(dir, environment, args);
        outputs.add(finished::output);
        return finished;
    }

    /** Starts {@link ConsumingService} on {@code classPath}; its output joins those checked for secrets. */
    private JavaProcess service(Map<String, String> environment, String classPath) throws IOException {
        JavaProcess process = JavaProcess.start(
                "the service", dir, environment, List.of("-cp", classPath, ConsumingService.class.getName()));
        services.add(process);
        outputs.add(process::output);
        return process;
    }

    /** This module's test class path: the service's classes, cftokens-runtime and its dependencies. */
    private static String classPath() {
        return System.getProperty("java.class.path");
    }

    /** The generation the state records now, read with the key as any instance reads it. */
    private Generation recorded(Path state) {
        FileStateStore store =
                FileStateStore.builder().path(state).key(StateKey.ofBase64(key)).build();
        try (StateSession session = store.openForReading(Set.of(ID))) {
            TokenRecord record = session.record(ID).orElseThrow(() -> new AssertionError("the state records no " + ID));
            return new Generation(
                    record.tokenId(),
                    session.value(ID).orElseThrow(() -> new AssertionError("the state keeps no value for " + ID)));
        }
    }

    /** {@return the token id a generation's value authenticates as, or "nothing (why)"} */
    private String verifiedAs(Generation generation) {
        Cloudflare withoutCredential = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .accountId(emulator.accountId())
                .build();
        try {
            return withoutCredential
                    .authenticatedAs(generation.value())
                    .accountTokens()
                    .verify()
                    .id();
        } catch (CloudflareException e) {
            return "nothing (" + e.getMessage() + ")";
        }
    }

    private long tokenWrites() {
        return Stream.of(
                        RequestKind.CREATE_TOKEN,
                        RequestKind.UPDATE_TOKEN,
                        RequestKind.DELETE_TOKEN,
                        RequestKind.ROLL_TOKEN)
                .mapToLong(emulator::requestCount)
                .sum();
    }

    /**
     * Compiles, with the processor, the declaration as a developer edits it after CI applied it (another
     * name), into a directory that goes before the service's classes: the service starts with that declaration.
     */
    private Path compileChangedDeclaration() throws IOException {
        String source = Files.readString(DECLARATION_SOURCE, StandardCharsets.UTF_8);
        String edited = source.replace(
                "@ApiToken(name = \"" + APPLIED_NAME + "\")", "@ApiToken(name = \"" + CHANGED_NAME + "\")");
        assertThat(edited).as("the name in %s", DECLARATION_SOURCE).isNotEqualTo(source);
        Path sources = Files.createDirectories(dir.resolve("changed-sources"));
        Path file = sources.resolve(DECLARATION_SOURCE.getFileName());
        Files.writeString(file, edited, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("changed-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(diagnostics, true, StandardCharsets.UTF_8);
        int result = javac.run(
                null,
                stream,
                stream,
                "--release",
                "17",
                "-d",
                classes.toString(),
                "-classpath",
                classPath(),
                // Named, as users must on JDK 23+, which no longer runs processors found on the class path.
                "-processorpath",
                classPath(),
                file.toString());
        assertThat(result).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(classes.resolve(Path.of("dev", "cftokens", "samples", "consume", "ServiceTokenProvisioner.class")))
                .as("the provisioner generated for the changed " + ServiceToken.class.getSimpleName())
                .isRegularFile();
        return classes;
    }
}
