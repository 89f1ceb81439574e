package dev.cftokens.runtime.state;

import static dev.cftokens.runtime.state.StateStoreContract.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal a file state's session appends its changes to: what a run killed at any instant leaves is what the
 * next run reads. A kill is imitated by copying the state's files while the session is open, which is what
 * {@code kill -9} would leave on disk ({@code KilledApplyTest} kills a real process).
 */
class StateJournalTest {
    private static final String VALUE = "Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0KkLlMmNnOo";

    @TempDir
    Path dir;

    private final StateKey key = StateKey.generate();

    private FileStateStore store(String name) {
        return FileStateStore.builder()
                .path(dir.resolve(name).resolve("state.json"))
                .key(key)
                .build();
    }

    private static PendingCreate pending(String id) {
        return new PendingCreate(
                id, TokenOwner.ACCOUNT, null, "sha256:" + "1".repeat(64), Instant.parse("2026-03-04T05:06:07Z"));
    }

    /** Copies the state's files as they are on disk now into {@code name}'s directory: what a kill leaves. */
    private FileStateStore killedCopy(FileStateStore store, String name) throws IOException {
        FileStateStore copy = store(name);
        Files.createDirectories(copy.path().getParent());
        for (Path file : List.of(store.path(), store.journalFile())) {
            if (Files.exists(file)) {
                Files.copy(file, copy.path().resolveSibling(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return copy;
    }

    @Test
    void everyChangeIsOnDiskWhenItsMethodReturnsAndTheNextRunAppliesIt() throws Exception {
        FileStateStore store = store("live");
        try (StateSession session = store.open()) {
            session.put(record("kept", "t1"), Secret.of(VALUE.toCharArray()));
            session.put(record("gone", "t2"));
            session.putPendingCreate(pending("sent"));
            session.putPendingCreate(pending("refused"));
        }
        FileStateStore killed;
        try (StateSession session = store.open()) {
            session.remove("gone");
            session.removePendingCreate("refused");
            session.put(record("new", "t3"), Secret.of(VALUE.toCharArray()));
            killed = killedCopy(store, "killed");
            assertThat(store.journalFile()).exists();
        }

        try (StateSession recovered = killed.open()) {
            assertThat(recovered.records())
                    .extracting(TokenRecord::declarationId)
                    .containsExactlyInAnyOrder("kept", "new");
            assertThat(recovered.value("new").orElseThrow().reveal()).isEqualTo(VALUE);
            assertThat(recovered.pendingCreates())
                    .extracting(PendingCreate::declarationId)
                    .containsExactly("sent");
        }
        // Recovery wrote the file whole and dropped the journal: the copy now reads as the live state closed.
        assertThat(killed.journalFile()).doesNotExist();
        assertThat(killed.path()).hasSameTextualContentAs(store.path());
        assertThat(store.journalFile()).doesNotExist();
    }

    @Test
    void theFirstValuesEncryptionIsJournaledBeforeThem() throws Exception {
        FileStateStore store = store("live");
        try (StateSession session = store.open()) {
            session.put(record("a", "t1"), Secret.of(VALUE.toCharArray()));
            FileStateStore killed = killedCopy(store, "killed");
            assertThat(killed.path()).doesNotExist();
            try (StateSession recovered = killed.open()) {
                assertThat(recovered.value("a").orElseThrow().reveal()).isEqualTo(VALUE);
            }
            assertThat(Files.readString(killed.path()))
                    .contains("\"encryption\"")
                    .contains("\"kdf\" : \"none\"");
        }
    }

    @Test
    void aLastLineACrashCutShortIsIgnored() throws Exception {
        FileStateStore store = store("live");
        FileStateStore killed;
        try (StateSession session = store.open()) {
            session.put(record("a", "t1"));
            session.put(record("b", "t2"));
            killed = killedCopy(store, "killed");
        }
        byte[] journal = Files.readAllBytes(killed.journalFile());
        // Cut inside the last line, as a crash during its write would.
        Files.write(killed.journalFile(), Arrays.copyOf(journal, journal.length - 20));

        try (StateSession recovered = killed.open()) {
            assertThat(recovered.records())
                    .extracting(TokenRecord::declarationId)
                    .containsExactly("a");
        }
    }

    @Test
    void anUnreadableLineBeforeTheLastIsRefusedAndBothFilesAreLeftAlone() throws Exception {
        FileStateStore store = store("live");
        try (StateSession session = store.open()) {
            session.put(record("a", "t1"));
        }
        FileStateStore killed;
        try (StateSession session = store.open()) {
            session.put(record("b", "t2"));
            session.put(record("c", "t3"));
            killed = killedCopy(store, "killed");
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(killed.journalFile()));
        lines.set(1, lines.get(1).replace("\"token_id\"", "\"tokenid\""));
        Files.write(killed.journalFile(), lines);
        byte[] journalBefore = Files.readAllBytes(killed.journalFile());
        byte[] fileBefore = Files.readAllBytes(killed.path());

        assertThatThrownBy(killed::open)
                .isInstanceOf(StateException.class)
                .hasMessageContaining(killed.journalFile().toString())
                .hasMessageContaining("line 2 is not a change cftokens wrote")
                .hasMessageContaining("\"token_id\" must be a string");
        assertThat(Files.readAllBytes(killed.journalFile())).isEqualTo(journalBefore);
        assertThat(Files.readAllBytes(killed.path())).isEqualTo(fileBefore);
    }

    @Test
    void aJournalOfAnotherVersionIsRefused() throws Exception {
        FileStateStore store = store("live");
        Files.createDirectories(store.path().getParent());
        Files.writeString(store.journalFile(), "{\"cftokens_state_journal\":2,\"base\":\"none\"}\n");

        assertThatThrownBy(store::open)
                .isInstanceOf(StateException.class)
                .hasMessageContaining("has version 2, but this cftokens reads version 1");
        assertThat(store.journalFile()).exists();
    }

    @Test
    void aJournalAppliedAgainToTheFileItWasWrittenIntoChangesNothing() throws Exception {
        // A crash after the file was written whole and before the journal was deleted leaves both.
        FileStateStore store = store("live");
        try (StateSession session = store.open()) {
            session.put(record("a", "t1"));
        }
        Path journalCopy = dir.resolve("journal-copy");
        try (StateSession session = store.open()) {
            session.put(record("a", "t2"));
            session.remove("a");
            session.put(record("b", "t3"), Secret.of(VALUE.toCharArray()));
            session.putPendingCreate(pending("c"));
            Files.copy(store.journalFile(), journalCopy);
        }
        String closed = Files.readString(store.path());
        Files.copy(journalCopy, store.journalFile());

        try (StateSession reopened = store.open()) {
            assertThat(reopened.records()).extracting(TokenRecord::tokenId).containsExactly("t3");
            assertThat(reopened.value("b").orElseThrow().reveal()).isEqualTo(VALUE);
        }
        assertThat(Files.readString(store.path())).isEqualTo(closed);
        assertThat(store.journalFile()).doesNotExist();
    }

    @Test
    void aJournalIsNotAppliedOverAFileChangedSinceItWasWritten() throws Exception {
        FileStateStore store = store("live");
        try (StateSession session = store.open()) {
            session.put(record("a", "t1"));
        }
        FileStateStore killed;
        try (StateSession session = store.open()) {
            session.put(record("c", "t3"));
            killed = killedCopy(store, "killed");
        }
        // The file then changed without the journal (a version that knew none, a restore from a backup).
        try (StateSession session = store("other").open()) {
            session.put(record("b", "t2"));
        }
        Files.copy(store("other").path(), killed.path(), StandardCopyOption.REPLACE_EXISTING);
        byte[] file = Files.readAllBytes(killed.path());
        byte[] journal = Files.readAllBytes(killed.journalFile());

        assertThatThrownBy(killed::open)
                .isInstanceOf(StateException.class)
                .hasMessageContaining(killed.journalFile().toString())
                .hasMessageContaining("will not apply them")
                .hasMessageContaining("delete the journal to keep the file as it is");
        assertThat(Files.readAllBytes(killed.path())).isEqualTo(file);
        assertThat(Files.readAllBytes(killed.journalFile())).isEqualTo(journal);
    }

    @Test
    void aJournalCutShortInItsHeaderHoldsNoChangeAndIsDropped() throws Exception {
        FileStateStore store = store("live");
        try (StateSession session = store.open()) {
            session.put(record("a", "t1"));
        }
        byte[] file = Files.readAllBytes(store.path());
        Files.writeString(store.journalFile(), "{\"cftokens_state_jou");

        try (StateSession session = store.open()) {
            assertThat(session.records()).extracting(TokenRecord::declarationId).containsExactly("a");
        }
        assertThat(store.journalFile()).doesNotExist();
        assertThat(Files.readAllBytes(store.path())).isEqualTo(file);
    }

    @Test
    void aJournalThatCannotBeWrittenStopsTheRunsChangesAndTheFileIsWrittenAtTheEnd() throws Exception {
        FileStateStore store = store("live");
        try (StateSession session = store.open()) {
            session.put(record("a", "t1"));
        }
        // A link to nowhere where the journal belongs: creating the journal fails, as on a full or read-only disk.
        Files.createSymbolicLink(store.journalFile(), dir.resolve("nowhere").resolve("state.journal"));
        try (StateSession session = store.open()) {
            assertThatThrownBy(() -> session.putPendingCreate(pending("b")))
                    .isInstanceOf(StateException.class)
                    .hasMessageContaining("cannot write the state journal " + store.journalFile())
                    .hasMessageContaining("changes the state no further");
            // No later change is made, not even one a journal would take now.
            assertThatThrownBy(() -> session.put(record("c", "t3"))).isInstanceOf(StateException.class);
            assertThat(session.records()).extracting(TokenRecord::declarationId).containsExactly("a");
        }
        try (StateSession session = store.open()) {
            assertThat(session.pendingCreates())
                    .extracting(PendingCreate::declarationId)
                    .containsExactly("b");
            assertThat(session.records()).extracting(TokenRecord::declarationId).containsExactly("a");
        }
        assertThat(store.journalFile()).doesNotExist();
    }

    @Test
    void theJournalIsPrivateToItsOwnerAndHoldsNoValueInClear() throws Exception {
        FileStateStore store = store("live");
        try (StateSession session = store.open()) {
            session.put(record("a", "t1"), Secret.of(VALUE.toCharArray()));
            if (store.path().getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(Files.getPosixFilePermissions(store.journalFile()))
                        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            }
            assertThat(Files.readString(store.journalFile(), StandardCharsets.UTF_8))
                    .contains("\"set_token\"")
                    .doesNotContain(VALUE);
        }
    }

    @Test
    void aRunThatChangesNothingWritesNothing() throws Exception {
        FileStateStore store = store("live");
        try (StateSession session = store.open()) {
            session.put(record("a", "t1"));
        }
        long written = Files.getLastModifiedTime(store.path()).toMillis();
        byte[] before = Files.readAllBytes(store.path());
        try (StateSession session = store.open()) {
            session.remove("absent");
            session.removePendingCreate("absent");
            assertThat(store.journalFile()).doesNotExist();
        }
        assertThat(Files.readAllBytes(store.path())).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(store.path()).toMillis()).isEqualTo(written);
    }
}
