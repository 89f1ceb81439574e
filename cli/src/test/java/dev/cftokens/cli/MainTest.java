package dev.cftokens.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatedToken;
import dev.cftokens.emulator.Fault;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

    @TempDir
    Path dir;

    private final CloudflareEmulator emulator = CloudflareEmulator.start();
    private String out;
    private String err;

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** No person to ask, as in a script or CI; a test sets a terminal that answers. */
    private Terminal terminal = new Terminal() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public String ask(String question) {
            throw new AssertionError("asked without a terminal: " + question);
        }
    };

    private final List<String> questions = new ArrayList<>();

    private Terminal answering(String answer) {
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public String ask(String question) {
                questions.add(question);
                return answer;
            }
        };
    }

    private int run(String... args) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int code = Main.run(
                args,
                new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8),
                retryPolicy -> Cloudflare.builder()
                        .baseUrl(emulator.baseUrl())
                        .accountId(emulator.accountId())
                        .apiToken(emulator.adminToken())
                        .retryPolicy(retryPolicy)
                        .build(),
                terminal);
        out = outBytes.toString(StandardCharsets.UTF_8);
        err = errBytes.toString(StandardCharsets.UTF_8);
        return code;
    }

    /** A class directory holding what the processor writes: one resource per provisioner. */
    private Path classesDirectory(Class<?>... provisioners) throws IOException {
        Path classes = dir.resolve("classes");
        Path resources = Files.createDirectories(classes.resolve("META-INF/cftokens"));
        for (Class<?> provisioner : provisioners) {
            Files.writeString(resources.resolve(provisioner.getName()), provisioner.getName() + "\n");
        }
        return classes;
    }

    /** A jar with the resources and no directory entries, as some build tools write them. */
    private Path jar(Class<?>... provisioners) throws IOException {
        Path jar = dir.resolve("app.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> provisioner : provisioners) {
                out.putNextEntry(new JarEntry("META-INF/cftokens/" + provisioner.getName()));
                out.write((provisioner.getName() + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private List<EmulatedToken> tokens() {
        return emulator.tokens().stream()
                .filter(t -> !t.id().equals(emulator.adminTokenId()))
                .collect(Collectors.toList());
    }

    private String[] args(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--state");
        all.add(dir.resolve("state.json").toString());
        return all.toArray(new String[0]);
    }

    @Test
    void planApplyPlanDestroyFromDeclarationsFoundOnTheClassPath() throws IOException {
        String classPath = classesDirectory(ReadonlyTokenProvisioner.class, RestrictedTokenProvisioner.class)
                .toString();
        String input = "restricted-token.zoneId=" + ZONE;

        assertThat(run(args("plan", "--detailed-exitcode", "--class-path", classPath, "--input", input)))
                .isEqualTo(2);
        assertThat(out)
                .contains("+ create readonly-token")
                .contains("+ create restricted-token")
                .contains("Plan: 2 to create, 0 to update");
        assertThat(tokens()).isEmpty();

        assertThat(run(args("apply", "--class-path", classPath, "--input", input)))
                .isEqualTo(0);
        assertThat(out).contains("Apply complete: 2 created");
        assertThat(tokens())
                .extracting(EmulatedToken::name)
                .containsExactlyInAnyOrder("Readonly Zone Token", "Restricted Access Token");

        emulator.resetRequestCounts();
        assertThat(run(args("plan", "--detailed-exitcode", "--class-path", classPath, "--input", input)))
                .isEqualTo(0);
        assertThat(out).contains("2 unchanged");
        assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN) + emulator.requestCount(RequestKind.UPDATE_TOKEN))
                .isZero();

        assertThat(run(args("destroy", "readonly-token"))).isEqualTo(0);
        assertThat(tokens()).extracting(EmulatedToken::name).containsExactly("Restricted Access Token");
        assertThat(run(args("destroy", "--yes"))).isEqualTo(0);
        assertThat(out).contains("- delete restricted-token").contains("Destroy complete: 1 deleted");
        assertThat(tokens()).isEmpty();
    }

    @Test
    void rotateNowMakesASuccessorKeepsThePreviousUntilRevokedAndStatusShowsBoth() throws IOException {
        String classPath = classesDirectory(ReadonlyTokenProvisioner.class, RotatingTokenProvisioner.class)
                .toString();
        assertThat(run(args("apply", "--class-path", classPath))).isEqualTo(0);
        String first = tokenNamed("Rotating Zone Token").get(0).id();

        emulator.resetRequestCounts();
        assertThat(run(args("rotate", "--class-path", classPath))).isEqualTo(0);
        assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isZero();

        assertThat(run(args("rotate", "--now", "rotating-token", "--class-path", classPath)))
                .as(err)
                .isEqualTo(0);
        assertThat(out).contains("+/- rotate rotating-token").contains(first + " stays valid until");
        List<EmulatedToken> generations = tokenNamed("Rotating Zone Token");
        assertThat(generations).hasSize(2);
        String second = generations.stream()
                .map(EmulatedToken::id)
                .filter(id -> !id.equals(first))
                .findFirst()
                .orElseThrow();

        assertThat(run(args("status", "--class-path", classPath))).isEqualTo(0);
        assertThat(out)
                .contains("rotating-token: generation 2, current " + second + " issued ")
                .contains("next rotation ")
                .contains("; previous " + first + " valid until ")
                .contains("readonly-token: generation 1, current ")
                .contains("(does not rotate)");

        assertThat(run(args("rotate", "--now", "--revoke-previous", "rotating-token", "--class-path", classPath)))
                .as(err)
                .isEqualTo(0);
        assertThat(tokenNamed("Rotating Zone Token")).hasSize(1);
        assertThat(tokenNamed("Rotating Zone Token").get(0).id()).isNotIn(first, second);
        assertThat(tokenNamed("Readonly Zone Token")).hasSize(1);
    }

    @Test
    void rotateRefusesWhatItCannotDoNamingTheRightForm() throws IOException {
        String classPath = classesDirectory(ReadonlyTokenProvisioner.class, RotatingTokenProvisioner.class)
                .toString();
        assertThat(run(args("apply", "--class-path", classPath))).isEqualTo(0);
        emulator.resetRequestCounts();

        assertThat(run(args("rotate", "--now", "readonly-token", "--class-path", classPath)))
                .isEqualTo(1);
        assertThat(err).contains("cannot rotate readonly-token").contains("rotating declarations are rotating-token");
        assertThat(run(args("rotate", "rotating-token", "--class-path", classPath)))
                .isEqualTo(1);
        assertThat(err).contains("give --now");
        assertThat(run(args("rotate", "--revoke-previous", "rotating-token"))).isEqualTo(1);
        assertThat(err).contains("--revoke-previous needs --now");
        assertThat(run(args("apply", "--now", "--class-path", classPath))).isEqualTo(1);
        assertThat(err).contains("apply to rotate only");
        assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isZero();
        assertThat(emulator.requestCount(RequestKind.DELETE_TOKEN)).isZero();
    }

    private List<EmulatedToken> tokenNamed(String name) {
        return tokens().stream().filter(token -> token.name().equals(name)).collect(Collectors.toList());
    }

    @Test
    void aFreshStateAdoptsByDefaultAndNoAdoptLeavesTheTokenAlone() throws IOException {
        String classPath = classesDirectory(ReadonlyTokenProvisioner.class).toString();
        assertThat(run(args("apply", "--class-path", classPath))).isEqualTo(0);
        String id = tokens().get(0).id();

        String fresh = dir.resolve("fresh").resolve("state.json").toString();
        assertThat(run("plan", "--no-adopt", "--class-path", classPath, "--state", fresh))
                .isEqualTo(0);
        assertThat(out).contains("+ create readonly-token").contains("adopting unrecorded tokens is turned off");
        // --adopt, the former opt-in, is accepted and changes nothing.
        assertThat(run("plan", "--adopt", "--class-path", classPath, "--state", fresh))
                .isEqualTo(0);
        assertThat(out).contains("~ adopt readonly-token (unrecorded token " + id + " with the same name and grants)");
        assertThat(run("apply", "--class-path", classPath, "--state", fresh)).isEqualTo(0);
        assertThat(out).contains("~ adopt readonly-token").contains("1 adopted");
        assertThat(tokens()).extracting(EmulatedToken::id).containsExactly(id);
        assertThat(run("destroy", "--no-adopt", "--state", fresh)).isEqualTo(1);
        assertThat(err).contains("--no-adopt applies to plan and apply only");
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out).contains("--no-adopt");
    }

    @Test
    void helpSaysHowAServiceRunsWithoutTheMintingCredential() {
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out)
                .contains("Services need no minting credential")
                .contains("without CLOUDFLARE_API_TOKEN, provision() serves the tokens applied and rotated here");
    }

    @Test
    void destroyOfEveryTokenAsksOnATerminalAndWithoutOneNeedsYes() throws IOException {
        String classPath = classesDirectory(ReadonlyTokenProvisioner.class).toString();
        assertThat(run(args("apply", "--class-path", classPath))).isEqualTo(0);

        // No terminal: refused at once, naming the flag, with nothing deleted.
        assertThat(run(args("destroy"))).isEqualTo(1);
        assertThat(err)
                .contains("destroy without ids deletes every token recorded in " + dir.resolve("state.json"))
                .contains("there is no terminal to confirm on; give --yes");
        assertThat(tokens()).hasSize(1);

        // A terminal: asked, and anything but "yes" cancels.
        terminal = answering("n");
        assertThat(run(args("destroy"))).isEqualTo(1);
        assertThat(questions)
                .containsExactly("Delete every token recorded in " + dir.resolve("state.json")
                        + " from Cloudflare? Only 'yes' goes on: ");
        assertThat(err).contains("destroy cancelled; nothing was deleted");
        assertThat(tokens()).hasSize(1);
        terminal = answering(null); // end of input
        assertThat(run(args("destroy"))).isEqualTo(1);
        assertThat(tokens()).hasSize(1);

        // Named ids and --yes never ask.
        questions.clear();
        terminal = answering("no");
        assertThat(run(args("destroy", "readonly-token"))).isEqualTo(0);
        assertThat(tokens()).isEmpty();
        assertThat(run(args("apply", "--class-path", classPath))).isEqualTo(0);
        assertThat(run(args("destroy", "--yes"))).isEqualTo(0);
        assertThat(tokens()).isEmpty();
        assertThat(questions).isEmpty();

        assertThat(run(args("apply", "--class-path", classPath))).isEqualTo(0);
        terminal = answering("yes");
        assertThat(run(args("destroy"))).isEqualTo(0);
        assertThat(out).contains("Destroy complete: 1 deleted");
        assertThat(tokens()).isEmpty();
        assertThat(run(args("plan", "--yes"))).isEqualTo(1);
        assertThat(err).contains("--yes applies to destroy only");
    }

    @Test
    void aRepeatedInputIsRefusedNamingBothValues() throws IOException {
        String classPath = classesDirectory(RestrictedTokenProvisioner.class).toString();
        assertThat(run(args(
                        "plan",
                        "--class-path",
                        classPath,
                        "--input",
                        "restricted-token.zoneId=" + ZONE,
                        "--input=restricted-token.zoneId=0123456789abcdef0123456789abcdef")))
                .isEqualTo(1);
        assertThat(err)
                .contains("--input restricted-token.zoneId is given twice, as \"" + ZONE
                        + "\" and \"0123456789abcdef0123456789abcdef\"; give each input once");
    }

    @Test
    void anInputWithoutAClassPathSaysNoDeclarationsWereFound() {
        assertThat(run(args("plan", "--input", "restricted-token.zoneId=" + ZONE)))
                .isEqualTo(1);
        assertThat(err)
                .contains("no declarations were found under META-INF/cftokens/ on cftokens' own class path"
                        + " (no --class-path was given), so --input names none of theirs")
                .contains("pass its classes and jars with --class-path")
                .doesNotContain("no declaration has that id");
    }

    @Test
    void planWritesNothingNotEvenTheStatesDirectory() throws IOException {
        String classPath = classesDirectory(ReadonlyTokenProvisioner.class).toString();
        Path state = dir.resolve("new").resolve("dir").resolve("s.json");
        assertThat(run("plan", "--class-path", classPath, "--state", state.toString()))
                .isEqualTo(0);
        assertThat(out).contains("+ create readonly-token");
        assertThat(dir.resolve("new")).doesNotExist();
    }

    @Test
    void declarationsInAJarWithoutDirectoryEntriesAreFound() throws IOException {
        String classPath = jar(ReadonlyTokenProvisioner.class).toString();
        assertThat(run(args("apply", "--class-path", classPath))).isEqualTo(0);
        assertThat(tokens()).extracting(EmulatedToken::name).containsExactly("Readonly Zone Token");
    }

    @Test
    void declarationWithoutItsInputsFailsEveryCommandNamingTheInputs() throws IOException {
        String classPath = classesDirectory(ReadonlyTokenProvisioner.class, RestrictedTokenProvisioner.class)
                .toString();
        for (String[] command :
                List.of(new String[] {"apply"}, new String[] {"plan"}, new String[] {"plan", "--detailed-exitcode"})) {
            List<String> arguments = new ArrayList<>(Arrays.asList(command));
            arguments.addAll(List.of("--class-path", classPath));
            // Never 0 ("all in place") nor 2 while the declared restricted token does not exist.
            assertThat(run(args(arguments.toArray(new String[0]))))
                    .as(String.join(" ", command))
                    .isEqualTo(1);
            assertThat(err)
                    .contains("restricted-token (" + RestrictedTokenProvisioner.class.getName() + ") needs zoneId")
                    .contains("--input restricted-token.zoneId=<value>")
                    .contains("nothing was planned or applied");
            assertThat(out).doesNotContain("create");
        }
        assertThat(tokens()).isEmpty();
    }

    @Test
    void applyWithNoDeclarationFoundFailsAndDeletesNothingUnlessAllowed() throws IOException {
        String classPath = classesDirectory(ReadonlyTokenProvisioner.class).toString();
        assertThat(run(args("apply", "--class-path", classPath))).isEqualTo(0);
        assertThat(tokens()).hasSize(1);

        // The --class-path forgotten: nothing found, nothing planned, nothing deleted.
        assertThat(run(args("apply"))).isEqualTo(1);
        assertThat(err)
                .contains("no declarations were found under META-INF/cftokens/")
                .contains("no --class-path was given")
                .contains("--class-path")
                .contains("--allow-empty");
        assertThat(out).doesNotContain("- delete");
        assertThat(run(args("plan"))).isEqualTo(1);
        assertThat(err).contains("no declarations were found");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(run(args("apply", "--class-path", empty.toString()))).isEqualTo(1);
        assertThat(err).contains(empty.toString());
        assertThat(tokens()).hasSize(1);

        // Asked for explicitly, an empty set deletes what the state recorded.
        assertThat(run(args("plan", "--allow-empty"))).isEqualTo(0);
        assertThat(out).contains("- delete readonly-token");
        assertThat(run(args("apply", "--allow-empty"))).isEqualTo(0);
        assertThat(tokens()).isEmpty();
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out).contains("--allow-empty");
    }

    @Test
    void destroyOfAnUnknownIdExitsOneNamingIt() throws IOException {
        String classPath = classesDirectory(ReadonlyTokenProvisioner.class).toString();
        assertThat(run(args("apply", "--class-path", classPath))).isEqualTo(0);
        assertThat(run(args("destroy", "readonly-tokn"))).isEqualTo(1);
        assertThat(err).contains("readonly-tokn").contains("not in the state").contains("readonly-token");
        assertThat(tokens()).hasSize(1);
    }

    @Test
    void inputForAnUnknownDeclarationFails() throws IOException {
        String classPath = classesDirectory(ReadonlyTokenProvisioner.class).toString();
        assertThat(run(args("plan", "--class-path", classPath, "--input", "nope.zoneId=1")))
                .isEqualTo(1);
        assertThat(err).contains("\"nope\"").contains("no declaration found has inputs");
        assertThat(run(args("plan", "--class-path", classPath, "--input", "readonly-token.zoneId=1")))
                .isEqualTo(1);
        assertThat(err).contains("\"readonly-token\", which has no inputs");
    }

    @Test
    void aWrongInputNameNamesTheDeclarationsRealInputs() throws IOException {
        String classPath = classesDirectory(ReadonlyTokenProvisioner.class, RestrictedTokenProvisioner.class)
                .toString();
        assertThat(run(args("plan", "--class-path", classPath, "--input", "zoned-token.zone=" + ZONE)))
                .isEqualTo(1);
        assertThat(err)
                .contains("\"zoned-token\"")
                .contains("the declarations with inputs are restricted-token (zoneId)");
        assertThat(run(args("plan", "--class-path", classPath, "--input", "restricted-token.zone=" + ZONE)))
                .isEqualTo(1);
        assertThat(err).contains("\"zone\" of restricted-token").contains("its inputs are zoneId");
        assertThat(tokens()).isEmpty();
    }

    @Test
    void inputValuesAreEchoedEscapedOnOneLine() throws IOException {
        String classPath = classesDirectory(RestrictedTokenProvisioner.class).toString();
        assertThat(run(args(
                        "plan",
                        "--class-path",
                        classPath,
                        "--input",
                        "restricted-token.zoneId=" + ZONE + "\nrm -rf /")))
                .isEqualTo(1);
        assertThat(err).contains("\"" + ZONE + "\\nrm -rf /\"").contains("give the value on one line");
        assertThat(err.strip()).doesNotContain("\n");
        assertThat(run(args("plan", "--input", "no-dot\twith a tab"))).isEqualTo(1);
        assertThat(err.strip()).contains("\"no-dot\\twith a tab\"").doesNotContain("\t");
    }

    @Test
    void aBlankInputIsRefusedBeforeAnythingIsPlanned() throws IOException {
        String classPath = classesDirectory(RestrictedTokenProvisioner.class).toString();
        assertThat(run(args("plan", "--class-path", classPath, "--input", "restricted-token.zoneId= ")))
                .isEqualTo(1);
        assertThat(err)
                .contains("--input restricted-token.zoneId has the value \" \", which is blank")
                .doesNotContain("nothing was planned");
        assertThat(out).doesNotContain("create");
    }

    @Test
    void rateLimitsAreWaitedOutSayingSoInOneLineEach() throws IOException {
        String classPath = classesDirectory(ReadonlyTokenProvisioner.class).toString();
        emulator.injectFault(Fault.rateLimitBurst(3).on(RequestKind.CREATE_TOKEN));
        assertThat(run(args("apply", "--class-path", classPath))).isEqualTo(0);
        assertThat(tokens()).hasSize(1);
        String path = "POST /accounts/" + emulator.accountId() + "/tokens";
        assertThat(err.lines())
                .containsExactly(
                        "cftokens: rate limited by Cloudflare, waiting 1 s, attempt 1 (" + path + ")",
                        "cftokens: rate limited by Cloudflare, waiting 1 s, attempt 2 (" + path + ")",
                        "cftokens: rate limited by Cloudflare, waiting 1 s, attempt 3 (" + path + ")");

        // --max-wait bounds the waiting: past it, the run fails saying how to wait longer.
        emulator.injectFault(Fault.rateLimitBurst(3).on(RequestKind.DELETE_TOKEN));
        assertThat(run(args("destroy", "--yes", "--max-wait", "2s"))).isEqualTo(1);
        assertThat(err)
                .contains("rate limited by Cloudflare, waiting 1 s, attempt 1")
                .contains("--max-wait");
        assertThat(run(args("destroy", "--yes", "--max-wait", "soon"))).isEqualTo(1);
        assertThat(err).contains("--max-wait takes a duration such as 90s, 5m or 1h");
    }

    @Test
    void permissionGroupsWritesTheLiveCatalogForTheProcessor() {
        Path file = dir.resolve("catalog/permission-groups.json");
        assertThat(run("permission-groups", "--output", file.toString())).isEqualTo(0);
        PermissionGroupCatalog written = PermissionGroupCatalog.read(file);
        // The account's groups and the user's, together: what the emulator offers in all.
        assertThat(written.groups())
                .containsExactlyInAnyOrderElementsOf(emulator.catalog().groups());
        assertThat(out)
                .contains("Wrote " + written.size() + " permission groups")
                .contains("-Acftokens.catalog=" + file.toAbsolutePath());
    }

    @Test
    void verifyChecksTheCredentials() {
        assertThat(run("verify")).isEqualTo(0);
        assertThat(out).contains(emulator.adminTokenId()).contains("active").contains(emulator.accountId());
    }

    @Test
    void verifyAndPermissionGroupsCountTheSameGroupsInTheSameWords() {
        assertThat(run("verify")).isEqualTo(0);
        String verified = out;
        assertThat(run(
                        "permission-groups",
                        "--output",
                        dir.resolve("groups.json").toString()))
                .isEqualTo(0);
        int all = PermissionGroupCatalog.read(dir.resolve("groups.json")).size();
        int account = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .accountId(emulator.accountId())
                .apiToken(emulator.adminToken())
                .build()
                .livePermissionGroups(TokenOwner.ACCOUNT)
                .size();
        assertThat(account).isLessThan(all);
        String counted = all + " permission groups (" + account + " for account-owned tokens, " + (all - account)
                + " more for user-owned tokens only)";
        assertThat(verified).contains(counted).contains("permission-groups writes all " + all);
        assertThat(out).contains("Wrote " + counted);
    }

    @Test
    void badCommandLinesExitOneWithAMessage() {
        assertThat(run("frobnicate")).isEqualTo(1);
        assertThat(err).contains("unknown command \"frobnicate\"");
        assertThat(run("apply", "--detailed-exitcode")).isEqualTo(1);
        assertThat(err).contains("--detailed-exitcode applies to plan only");
        assertThat(run("plan", "--input", "no-dot")).isEqualTo(1);
        assertThat(err).contains("<token id>.<input>=<value>");
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out).contains("Usage: java -jar cftokens-cli.jar");
    }

    @Test
    void keyPrintsANewBase64KeyOf256BitsWithoutCredentials() {
        assertThat(run("key")).isZero();
        String first = out.strip();
        assertThat(java.util.Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(err).contains("CFTOKENS_KEY");
        assertThat(run("key")).isZero();
        assertThat(out.strip()).isNotEqualTo(first);
        // A key printed by `key` is what the state accepts.
        assertThat(dev.cftokens.runtime.state.StateKey.ofBase64(first).toBase64())
                .isEqualTo(first);
    }

    @Test
    void aKeyTogetherWithAPassphraseIsRefusedAsTheStarterRefusesIt() {
        String key = dev.cftokens.runtime.state.StateKey.generate().toBase64();
        java.util.Map<String, String> environment =
                java.util.Map.of("CFTOKENS_KEY", key, "CFTOKENS_PASSPHRASE", "correct horse battery staple");
        assertThatThrownBy(() -> StateCommands.store(dir.resolve("state.json").toString(), null, environment::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both CFTOKENS_KEY and CFTOKENS_PASSPHRASE are set; set only one of them")
                .hasMessageNotContaining(key)
                .hasMessageNotContaining("correct horse");
    }

    @Test
    void anUnreachableDatabaseStateIsOneLineNamingTheOptionAndNeverThePassword() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String classPath = classesDirectory(ReadonlyTokenProvisioner.class).toString();
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/app?user=svc&password=s3cr3t-pass";
        assertThat(run("plan", "--class-path", classPath, "--state", url)).isEqualTo(1);
        // Without a key the shared store refuses before it connects; either way the message is the user's.
        assertThat(err).startsWith("cftokens: ").doesNotContain("s3cr3t-pass").contains("CFTOKENS_KEY");
        assertThat(err.strip().lines()).hasSize(1);
        assertThat(run("plan", "--class-path", classPath, "--state", "redis://cache:6379/0?password=pw123"))
                .isEqualTo(1);
        assertThat(err).contains("--state").contains("no state store for it").doesNotContain("pw123");
    }

    @Test
    void stateCopyMovesRecordsIntoAnEmptyStateAndRefusesAFullOne() throws IOException {
        String classPath = classesDirectory(ReadonlyTokenProvisioner.class).toString();
        assertThat(run(args("apply", "--class-path", classPath))).isZero();
        String from = dir.resolve("state.json").toString();
        String to = dir.resolve("copy").resolve("state.json").toString();
        assertThat(run("state", "copy", "--from", from, "--to", to)).as(err).isZero();
        assertThat(out).contains("Copied 1 record(s)");
        assertThat(run("plan", "--detailed-exitcode", "--class-path", classPath, "--state", to))
                .isZero();
        assertThat(out).contains("= unchanged readonly-token");
        assertThat(run("state", "copy", "--from", from, "--to", to)).isEqualTo(1);
        assertThat(err).contains("already holds 1 record(s)");
        assertThat(run("state", "copy", "--from", from)).isEqualTo(1);
        assertThat(err).contains("--to");
        assertThat(run("apply", "--from", from)).isEqualTo(1);
        assertThat(err).contains("state copy only");
    }

    @Test
    void corruptStateFailsWithoutTouchingAnything() throws IOException {
        Files.writeString(dir.resolve("state.json"), "not json");
        String classPath = classesDirectory(ReadonlyTokenProvisioner.class).toString();
        assertThat(run(args("apply", "--class-path", classPath))).isEqualTo(1);
        assertThat(err).contains(dir.resolve("state.json").toString()).contains("not valid JSON");
        assertThat(tokens()).isEmpty();
        assertThat(Files.readString(dir.resolve("state.json"))).isEqualTo("not json");
    }

    @Test
    void resourcesThatNameNoProvisionerAreReportedByName() throws IOException {
        Path classes = classesDirectory();
        Path resources = classes.resolve("META-INF/cftokens");
        Files.writeString(resources.resolve("broken"), "not a class name!\n");
        assertThat(run(args("plan", "--class-path", classes.toString()))).isEqualTo(1);
        assertThat(err)
                .contains("META-INF/cftokens/broken")
                .contains("\"not a class name!\"")
                .contains("com.acme.ReadonlyTokenProvisioner");

        Files.delete(resources.resolve("broken"));
        Files.writeString(resources.resolve("java.lang.String"), "java.lang.String\n");
        assertThat(run(args("plan", "--class-path", classes.toString()))).isEqualTo(1);
        assertThat(err)
                .contains("java.lang.String")
                .contains("does not implement dev.cftokens.runtime.TokenProvisioner");

        Files.delete(resources.resolve("java.lang.String"));
        Files.writeString(resources.resolve("com.acme.Missing"), "com.acme.Missing\n");
        assertThat(run(args("plan", "--class-path", classes.toString()))).isEqualTo(1);
        assertThat(err)
                .contains("com.acme.Missing")
                .contains("not on the class path")
                .contains("--class-path");
    }

    @Test
    void missingClassPathEntryIsAUsageError() {
        assertThat(run(args("plan", "--class-path", dir.resolve("nowhere").toString())))
                .isEqualTo(1);
        assertThat(err).contains("nowhere").contains("does not exist");
    }

    @Test
    void verifyAcceptsAGlobalApiKey() {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"verify"},
                new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                retryPolicy -> Cloudflare.builder()
                        .baseUrl(emulator.baseUrl())
                        .accountId(emulator.accountId())
                        .apiKey(emulator.globalApiKey())
                        .email(emulator.userEmail())
                        .build());
        assertThat(code).isEqualTo(0);
        assertThat(outBytes.toString(StandardCharsets.UTF_8))
                .contains("not an API token")
                .contains(emulator.accountId());
    }

    @Test
    void verifyFailsForRejectedCredentials() {
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"verify"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8),
                retryPolicy -> Cloudflare.builder()
                        .baseUrl(emulator.baseUrl())
                        .accountId(emulator.accountId())
                        .apiToken("x".repeat(40))
                        .build());
        assertThat(code).isEqualTo(1);
        assertThat(errBytes.toString(StandardCharsets.UTF_8))
                .startsWith("cftokens: ")
                .doesNotContain("x".repeat(40));
    }
}
