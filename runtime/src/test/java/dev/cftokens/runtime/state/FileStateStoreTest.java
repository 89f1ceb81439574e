package dev.cftokens.runtime.state;

import static dev.cftokens.runtime.state.StateStoreContract.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Secret;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {
    private static final String VALUE = "Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0KkLlMmNnOo";
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    private Path statePath() {
        return dir.resolve(".cftokens").resolve("state.json");
    }

    private FileStateStore store(char[] passphrase) {
        return FileStateStore.builder()
                .path(statePath())
                .passphrase(passphrase)
                .lockWait(Duration.ofMillis(300))
                .build();
    }

    @Test
    void valuesRoundTripEncryptedAndNeverInClear() throws Exception {
        try (StateSession session = store(PASSPHRASE).open()) {
            assertThat(session.storesValues()).isTrue();
            session.put(record("readonly-token", "t1"), Secret.of(VALUE));
        }
        String text = Files.readString(statePath());
        assertThat(text).doesNotContain(VALUE).contains("\"version\"").contains("PBKDF2WithHmacSHA256");
        assertThat(new ObjectMapper()
                        .readTree(text)
                        .at("/encryption/iterations")
                        .asInt())
                .isGreaterThanOrEqualTo(210_000);

        try (StateSession session = store(PASSPHRASE).open()) {
            assertThat(session.record("readonly-token")).contains(record("readonly-token", "t1"));
            assertThat(session.value("readonly-token"))
                    .hasValueSatisfying(secret -> assertThat(secret.reveal()).isEqualTo(VALUE));
        }
    }

    @Test
    void eachValueGetsItsOwnNonce() throws Exception {
        try (StateSession session = store(PASSPHRASE).open()) {
            session.put(record("a", "t1"), Secret.of(VALUE));
            session.put(record("b", "t2"), Secret.of(VALUE));
        }
        var tokens = new ObjectMapper().readTree(statePath().toFile()).get("tokens");
        assertThat(tokens.at("/a/value/nonce").asText())
                .isNotEqualTo(tokens.at("/b/value/nonce").asText());
        assertThat(tokens.at("/a/value/ciphertext").asText())
                .isNotEqualTo(tokens.at("/b/value/ciphertext").asText());
    }

    @Test
    void withoutPassphraseValuesAreNotStored() throws Exception {
        try (StateSession session = store(null).open()) {
            assertThat(session.storesValues()).isFalse();
            session.put(record("readonly-token", "t1"), Secret.of(VALUE));
            assertThat(session.value("readonly-token")).isEmpty();
        }
        String text = Files.readString(statePath());
        assertThat(text).doesNotContain(VALUE).doesNotContain("\"value\"").doesNotContain("encryption");
        try (StateSession session = store(null).open()) {
            assertThat(session.record("readonly-token")).isPresent();
        }
    }

    @Test
    void runWithoutPassphraseKeepsValuesItCannotRead() {
        try (StateSession session = store(PASSPHRASE).open()) {
            session.put(record("kept", "t1"), Secret.of(VALUE));
            session.put(record("rolled", "t2"), Secret.of(VALUE));
        }
        try (StateSession session = store(null).open()) {
            assertThat(session.value("kept")).isEmpty();
            session.put(new TokenRecord("kept", "t1", TokenOwner.ACCOUNT, null, "renamed", "sha256:1"));
            session.put(record("rolled", "t2"), Secret.of("another-value-that-is-long-enough-000000"));
        }
        try (StateSession session = store(PASSPHRASE).open()) {
            assertThat(session.value("kept").orElseThrow().reveal()).isEqualTo(VALUE);
            // Its value changed while no passphrase was set, so the old ciphertext must not come back.
            assertThat(session.value("rolled")).isEmpty();
        }
    }

    @Test
    void putWithoutValueKeepsValueOnlyForTheSameToken() {
        try (StateSession session = store(PASSPHRASE).open()) {
            session.put(record("a", "t1"), Secret.of(VALUE));
            session.put(new TokenRecord("a", "t1", TokenOwner.ACCOUNT, null, "updated", "sha256:2"));
            assertThat(session.value("a")).isPresent();
            session.put(record("a", "t-other"));
            assertThat(session.value("a")).isEmpty();
        }
    }

    @Test
    void wrongPassphraseIsAClearErrorAndChangesNothing() throws Exception {
        try (StateSession session = store(PASSPHRASE).open()) {
            session.put(record("readonly-token", "t1"), Secret.of(VALUE));
        }
        byte[] before = Files.readAllBytes(statePath());
        // The key is checked when the state opens: a run with the wrong one gets no session to change anything with.
        assertThatThrownBy(() -> store("wrong".toCharArray()).open())
                .isInstanceOf(StateException.class)
                .hasMessageContaining("CFTOKENS_PASSPHRASE")
                .hasMessageContaining(statePath().toString())
                .hasMessageContaining("nothing was changed")
                .hasMessageNotContaining("wrong");
        assertThat(Files.readAllBytes(statePath())).isEqualTo(before);
        assertThat(statePath().resolveSibling("state.journal")).doesNotExist();
        // The lock was released: the right passphrase opens at once.
        try (StateSession session = store(PASSPHRASE).open()) {
            assertThat(session.value("readonly-token")).isPresent();
        }
    }

    @Test
    void ciphertextMovedToAnotherEntryDoesNotDecrypt() throws Exception {
        try (StateSession session = store(PASSPHRASE).open()) {
            session.put(record("a", "t1"), Secret.of(VALUE));
            session.put(record("b", "t2"), Secret.of("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"));
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(statePath().toFile());
        ObjectNode tokens = (ObjectNode) root.get("tokens");
        ((ObjectNode) tokens.get("b")).set("value", tokens.get("a").get("value"));
        Files.write(statePath(), json.writeValueAsBytes(root));
        try (StateSession session = store(PASSPHRASE).open()) {
            assertThat(session.value("a")).isPresent();
            assertThat(session.value("b")).isEmpty();
        }
    }

    @Test
    void corruptFileIsRefusedAndLeftAlone() throws Exception {
        Files.createDirectories(statePath().getParent());
        Files.writeString(statePath(), "{\"version\": 1, \"tokens\": {\"a\": ");
        assertThatThrownBy(() -> store(null).open())
                .isInstanceOf(StateException.class)
                .hasMessageContaining(statePath().toString())
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("will not overwrite");
        assertThat(Files.readString(statePath())).isEqualTo("{\"version\": 1, \"tokens\": {\"a\": ");

        Files.writeString(statePath(), "{\"version\": 1, \"tokens\": {\"a\": {\"token_id\": 5}}}");
        assertThatThrownBy(() -> store(null).open())
                .isInstanceOf(StateException.class)
                .hasMessageContaining(statePath().toString())
                .hasMessageContaining("token_id");
    }

    /** Version 1 is what main wrote before generations (d3e0839): today's layout without them. */
    @Test
    void aVersionOneFileIsReadAsItIsAndWrittenAsVersionTwoKeepingItsValues() throws Exception {
        try (StateSession session = store(PASSPHRASE).open()) {
            session.put(record("readonly-token", "t1"), Secret.of(VALUE));
        }
        String versionTwo = Files.readString(statePath());
        assertThat(versionTwo)
                .contains("\"version\" : 2")
                .doesNotContain("issued_at")
                .doesNotContain("previous");
        Files.writeString(statePath(), versionTwo.replace("\"version\" : 2", "\"version\" : 1"));

        java.time.Instant issued = java.time.Instant.parse("2026-12-01T10:00:00Z");
        try (StateSession session = store(PASSPHRASE).open()) {
            assertThat(session.record("readonly-token")).contains(record("readonly-token", "t1"));
            assertThat(session.value("readonly-token").orElseThrow().reveal()).isEqualTo(VALUE);
            session.put(record("readonly-token", "t1")
                    .withIssuedAt(issued)
                    .withPrevious(new PreviousGeneration("t0", issued.plus(Duration.ofDays(2)))));
        }
        assertThat(Files.readString(statePath()))
                .contains("\"version\" : 2")
                .contains("\"issued_at\" : \"2026-12-01T10:00:00Z\"")
                .contains("\"retire_at\" : \"2026-12-03T10:00:00Z\"");
        try (StateSession session = store(PASSPHRASE).open()) {
            assertThat(session.record("readonly-token").orElseThrow().previous().tokenId())
                    .isEqualTo("t0");
            assertThat(session.value("readonly-token").orElseThrow().reveal()).isEqualTo(VALUE);
        }
    }

    @Test
    void unknownVersionIsRefused() throws Exception {
        Files.createDirectories(statePath().getParent());
        Files.writeString(statePath(), "{\"version\": 3, \"tokens\": {}}");
        assertThatThrownBy(() -> store(null).open())
                .isInstanceOf(StateException.class)
                .hasMessageContaining(statePath().toString())
                .hasMessageContaining("version 3")
                .hasMessageContaining("reads version 2");
        assertThat(Files.readString(statePath())).isEqualTo("{\"version\": 3, \"tokens\": {}}");
    }

    @Test
    void fileIsPrivateToItsOwner() throws Exception {
        try (StateSession session = store(null).open()) {
            session.put(record("a", "t1"));
        }
        if (statePath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(statePath()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(statePath().resolveSibling("state.lock")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(statePath().getParent()))
                    .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        }
    }

    @Test
    void writesReplaceTheFileWholeAndLeaveNoTemporaryFilesNorJournal() throws Exception {
        try (StateSession session = store(null).open()) {
            session.put(record("seed", "t0"));
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        AtomicInteger complete = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    // Every read sees a complete document: parse would throw on a half-written one.
                    StateDocument.parse(Files.readAllBytes(statePath()), statePath());
                    complete.incrementAndGet();
                } catch (Throwable e) {
                    readerFailure.set(e);
                    return;
                }
            }
        });
        reader.start();
        try (StateSession session = store(null).open()) {
            for (int i = 0; i < 200; i++) {
                session.put(record("token-" + i, "t" + i));
            }
        } finally {
            done.set(true);
            reader.join();
        }
        assertThat(readerFailure.get()).isNull();
        assertThat(complete.get()).isPositive();
        try (Stream<Path> files = Files.list(statePath().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .isEqualTo(Set.of("state.json", "state.lock"));
        }
        try (StateSession session = store(null).open()) {
            assertThat(session.records()).hasSize(201);
        }
    }

    @Test
    void parallelWritersAllLand() throws Exception {
        try (StateSession session = store(null).open()) {
            List<Thread> threads = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int base = t * 25;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < 25; i++) {
                        session.put(record("token-" + (base + i), "t" + (base + i)));
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
        }
        try (StateSession session = store(null).open()) {
            assertThat(session.records()).hasSize(200);
        }
    }

    @Test
    void secondRunOnTheSameStateWaitsThenFailsNamingTheLockFile() throws Exception {
        FileStateStore store = store(null);
        CountDownLatch released = new CountDownLatch(1);
        try (StateSession first = store.open()) {
            first.put(record("a", "t1"));
            Thread other = new Thread(() -> {
                assertThatThrownBy(() -> store(null).open())
                        .isInstanceOf(StateException.class)
                        .hasMessageContaining(store.lockFile().toString())
                        .hasMessageContaining("another cftokens run");
                released.countDown();
            });
            other.start();
            assertThat(released.await(10, TimeUnit.SECONDS)).isTrue();
        }
        // Once the first run closed, the next one gets the lock.
        FileStateStore patient = FileStateStore.builder()
                .path(statePath())
                .passphrase(null)
                .lockWait(Duration.ofSeconds(5))
                .build();
        StateSession holder = store.open();
        Thread closer = new Thread(() -> {
            sleep(300);
            holder.close();
        });
        closer.start();
        try (StateSession second = patient.open()) {
            assertThat(second.records()).hasSize(1);
        }
        closer.join();
    }

    @Test
    void anotherProcessHoldingTheLockBlocksUntilItDies() throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolder.class.getName(),
                        statePath().toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).startsWith("locked");
            assertThatThrownBy(() -> store(null).open())
                    .isInstanceOf(StateException.class)
                    .hasMessageContaining("state.lock");
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // The OS dropped the dead process's lock: no stale lock file blocks the next run.
        try (StateSession session = store(null).open()) {
            assertThat(session.records()).isEmpty();
        }
    }

    @Test
    void aThreadWaitingInThisProcessNeverLetsAnotherProcessTakeTheLock() throws Exception {
        FileStateStore patient = FileStateStore.builder()
                .path(statePath())
                .passphrase(null)
                .lockWait(Duration.ofSeconds(20))
                .build();
        StateSession first = patient.open();
        CountDownLatch secondLocked = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try (StateSession second = patient.open()) {
                secondLocked.countDown();
            }
        });
        waiter.start();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolder.class.getName(),
                        statePath().toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            AtomicReference<String> childSaid = new AtomicReference<>();
            CountDownLatch childLocked = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try {
                    childSaid.set(out.readLine());
                } catch (java.io.IOException e) {
                    childSaid.set(e.toString());
                }
                childLocked.countDown();
            });
            reader.setDaemon(true);
            reader.start();
            // While the first thread holds the lock and the second polls for it, the child must not get it.
            assertThat(childLocked.await(4, TimeUnit.SECONDS))
                    .as("the child process took the lock while this process held it (it said %s)", childSaid.get())
                    .isFalse();
            assertThat(secondLocked.getCount()).isEqualTo(1);
            first.close();
            assertThat(secondLocked.await(10, TimeUnit.SECONDS)).isTrue();
            waiter.join(10_000);
            // Once both threads are done, the child gets its turn.
            assertThat(childLocked.await(15, TimeUnit.SECONDS)).isTrue();
            assertThat(childSaid.get()).startsWith("locked");
        } finally {
            first.close();
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void oneStoreDerivesItsKeyOnceForAllItsRuns() {
        // A passphrase no other test uses, so no earlier derivation in this JVM serves it.
        FileStateStore store = store("derived once".toCharArray());
        int before = DerivedKeys.derivations();
        for (int run = 0; run < 3; run++) {
            try (StateSession session = store.open()) {
                assertThat(session.storesValues()).isTrue();
            }
        }
        try (StateSession session = store.open()) {
            session.put(record("a", "t1"), Secret.of(VALUE.toCharArray()));
        }
        try (StateSession session = store.open()) {
            assertThat(session.value("a").orElseThrow().reveal()).isEqualTo(VALUE);
        }
        assertThat(DerivedKeys.derivations() - before).isEqualTo(1);
    }

    @Test
    void pendingCreatesAreDurableAndDroppedByTheRecord() {
        PendingCreate pending = new PendingCreate(
                "a",
                TokenOwner.ACCOUNT,
                "0123456789abcdef0123456789abcdef",
                "sha256:" + "1".repeat(64),
                java.time.Instant.parse("2026-03-04T05:06:07Z"));
        try (StateSession session = store(null).open()) {
            session.putPendingCreate(pending);
            session.putPendingCreate(new PendingCreate(
                    "b",
                    TokenOwner.USER,
                    null,
                    "sha256:" + "2".repeat(64),
                    java.time.Instant.parse("2026-03-04T05:06:08Z")));
        }
        try (StateSession session = store(null).open()) {
            assertThat(session.pendingCreates()).hasSize(2).contains(pending);
            session.put(record("a", "t1"));
            session.removePendingCreate("b");
        }
        try (StateSession session = store(null).open()) {
            assertThat(session.pendingCreates()).isEmpty();
            assertThat(session.record("a")).isPresent();
        }
    }

    @Test
    void iterationsBelowTheMinimumAreRejected() {
        assertThatThrownBy(() -> FileStateStore.builder().iterations(1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("210000")
                .hasMessageContaining("1000");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
