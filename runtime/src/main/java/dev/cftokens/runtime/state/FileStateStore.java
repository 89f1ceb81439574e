package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The default {@link StateStore}: a JSON file, {@code .cftokens/state.json} under the working
 * directory unless configured otherwise, written atomically with mode {@code 0600}, guarded by an OS
 * lock on {@code state.lock} beside it. Token values are kept only when a key is configured
 * ({@value StateKey#KEY_VARIABLE} or {@value StateKey#PASSPHRASE_VARIABLE}), and then only encrypted
 * (AES-256-GCM, see {@link StateSession#over}).
 *
 * <p>While a run holds the lock, each change is appended to {@code state.journal} beside the file and forced
 * to disk before it counts; the file is written whole once, when the run closes its session, and the journal
 * deleted. A journal found on open is what a run killed before that left: its changes are applied and the file
 * written before anything else.
 */
public final class FileStateStore implements StateStore {
    /** The state file used when none is configured, relative to the working directory. */
    public static final Path DEFAULT_PATH = Path.of(".cftokens", "state.json");

    private final Path path;
    private final Path lockFile;
    private final Path journalFile;
    private final StateKey key;
    private final Duration lockWait;
    private final int iterations;

    private FileStateStore(Builder builder) {
        this.path = builder.path;
        String name = path.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        this.lockFile = path.resolveSibling(stem + ".lock");
        this.journalFile = path.resolveSibling(stem + ".journal");
        this.key = builder.key;
        this.lockWait = builder.lockWait;
        this.iterations = builder.iterations;
    }

    /**
     * The file at {@link #DEFAULT_PATH}, with the key from {@value StateKey#KEY_VARIABLE} or
     * {@value StateKey#PASSPHRASE_VARIABLE} if set.
     *
     * @return the store; nothing is read until {@link #open()}
     */
    public static FileStateStore inWorkingDirectory() {
        return builder().build();
    }

    /**
     * {@return a builder with every default: {@link #DEFAULT_PATH}, the key from the environment, a
     * 30-second lock wait}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the state file} */
    public Path path() {
        return path;
    }

    /** {@return the lock file beside it} */
    public Path lockFile() {
        return lockFile;
    }

    /** {@return the journal beside it, which holds a run's changes until the run writes the file whole} */
    public Path journalFile() {
        return journalFile;
    }

    @Override
    public String describe() {
        return path.toString();
    }

    @Override
    public StateSession open() {
        try {
            AtomicFile.createPrivateDirectories(path.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new StateException(
                    "cannot create the directory of the state file " + path + ": " + e.getMessage(), e);
        }
        StateLock lock = StateLock.acquire(lockFile, lockWait);
        Rows rows;
        try {
            byte[] content = StateDocument.bytes(path);
            StateDocument document = content == null ? new StateDocument() : StateDocument.parse(content, path);
            Optional<StateJournal.Leftover> leftover = StateJournal.leftover(journalFile);
            if (leftover.isPresent()) {
                content = recover(document, content, leftover.get());
            }
            StateJournal journal = new StateJournal(journalFile, content);
            rows = new Rows(lock, document, journal);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        // A wrong key fails the open, before the run sends anything.
        return SealedSession.over(rows, key, iterations, "the state file " + path);
    }

    /**
     * Applies what a run killed before it wrote the file left in the journal, writes the file whole and drops the
     * journal. A journal is applied only to the file it started from, or found already in the file (a run killed
     * after writing the file, before deleting the journal); a file changed since otherwise (by a cftokens version
     * that knew no journal, or restored from a backup) is not overwritten with old changes.
     *
     * @return the file's content now
     */
    private byte[] recover(StateDocument document, byte[] content, StateJournal.Leftover leftover) {
        if (leftover.changes().isEmpty()) {
            dropJournal(); // created, or cut short, before its first change counted
            return content;
        }
        boolean fromThisFile = leftover.base().equals(StateJournal.digest(content));
        leftover.changes().forEach(change -> change.applyTo(document));
        byte[] recovered = document.toJson();
        if (!fromThisFile && (content == null || !Arrays.equals(recovered, content))) {
            throw new StateException("the state journal " + journalFile + " holds changes made to another content of "
                    + path + " than it has now (changed since by a cftokens version that knew no journal, or"
                    + " restored from a backup?); cftokens will not apply them over it. Both files were left as they"
                    + " were: delete the journal to keep the file as it is, or restore the file it was written for.");
        }
        if (fromThisFile) {
            writeWhole(recovered);
        }
        dropJournal();
        return recovered;
    }

    /** Writes the state file whole; the journal beside it still holds every change. */
    private void writeWhole(byte[] content) {
        try {
            AtomicFile.write(path, content);
        } catch (IOException e) {
            throw new StateException(
                    "cannot write the state file " + path + ": " + e.getMessage()
                            + ". The changes are kept in its journal " + journalFile
                            + ", which the next run applies first.",
                    e);
        }
    }

    /** Deletes the journal once the state file holds what it held. */
    private void dropJournal() {
        try {
            Files.deleteIfExists(journalFile);
        } catch (IOException e) {
            throw new StateException(
                    "the state file " + path + " holds every change, but its journal " + journalFile
                            + " cannot be deleted: " + e.getMessage()
                            + ". The next run finds its changes in the file and"
                            + " deletes it then.",
                    e);
        }
    }

    /**
     * A locked run. Each change is journaled before its method returns; journal writes are serialized and
     * coalesced: a writer whose line was already forced by a write that finished meanwhile returns without writing
     * again, so parallel creates share a force.
     */
    private final class Rows implements StateRows {
        private final StateLock lock;
        private final StateDocument document;
        private final StateJournal journal;
        private StateChange.SetEncryption newKeyCheck; // a new state's key check, journaled with its first change
        private boolean keyCheckJournaled;
        private final List<byte[]> unwritten = new ArrayList<>();
        private final Object writeLock = new Object();
        private long generation;
        private long written;
        private boolean closed;
        private volatile IOException journalFailure; // set once an append failed: no change is made after it

        Rows(StateLock lock, StateDocument document, StateJournal journal) {
            this.lock = lock;
            this.document = document;
            this.journal = journal;
        }

        @Override
        public synchronized Collection<StoredToken> tokens() {
            return document.entries.values().stream().map(Rows::stored).toList();
        }

        @Override
        public synchronized Optional<StoredToken> token(String declarationId) {
            return Optional.ofNullable(document.entries.get(declarationId)).map(Rows::stored);
        }

        private static StoredToken stored(StateDocument.Entry entry) {
            return new StoredToken(
                    entry.record(), entry.value() == null ? null : entry.value().toBytes());
        }

        @Override
        public void write(StoredToken token) {
            requireNonNull(token, "token");
            SealedValue value = token.hasValue() ? SealedValue.fromBytes(token.sealedValue()) : null;
            change(state -> new StateChange.SetToken(new StateDocument.Entry(token.record(), value)));
        }

        @Override
        public void delete(String declarationId) {
            change(state -> new StateChange.RemoveToken(declarationId));
        }

        @Override
        public synchronized Collection<PendingCreate> pendingCreates() {
            return List.copyOf(document.pending.values());
        }

        @Override
        public void putPendingCreate(PendingCreate pending) {
            requireNonNull(pending, "pending");
            change(state -> new StateChange.SetPending(pending));
        }

        @Override
        public void removePendingCreate(String declarationId) {
            change(state -> new StateChange.RemovePending(declarationId));
        }

        @Override
        public synchronized Optional<byte[]> keyCheck() {
            return Optional.ofNullable(document.encryption).map(EncryptionHeader::toBytes);
        }

        /** Kept in memory; nothing is written until the run's first change, which journals it first. */
        @Override
        public synchronized byte[] keepKeyCheck(byte[] keyCheck) {
            if (document.encryption == null) {
                document.encryption = EncryptionHeader.fromBytes(keyCheck);
                newKeyCheck = new StateChange.SetEncryption(document.encryption);
            }
            return document.encryption.toBytes();
        }

        /**
         * Applies the change {@code mutation} makes of the document, under the session's monitor, and, when it
         * changes anything, journals it before returning.
         */
        private void change(Function<StateDocument, StateChange> mutation) {
            long mine;
            synchronized (this) {
                checkOpen();
                if (journalFailure != null) {
                    throw journalFailed();
                }
                StateChange change = mutation.apply(document);
                if (!change.applyTo(document)) {
                    return;
                }
                if (newKeyCheck != null && !keyCheckJournaled) {
                    unwritten.add(StateJournal.line(newKeyCheck));
                    keyCheckJournaled = true;
                }
                unwritten.add(StateJournal.line(change));
                mine = ++generation;
            }
            persist(mine);
        }

        private void persist(long mine) {
            synchronized (writeLock) {
                if (written >= mine) {
                    return;
                }
                List<byte[]> lines;
                long snapshot;
                synchronized (this) {
                    lines = List.copyOf(unwritten);
                    unwritten.clear();
                    snapshot = generation;
                }
                if (journalFailure != null) {
                    throw journalFailed(); // this change was in the batch that failed
                }
                try {
                    journal.append(lines);
                } catch (IOException e) {
                    journalFailure = e;
                    throw journalFailed();
                }
                written = snapshot;
            }
        }

        /** The failure of a journal write, for this change and every later one of the run. */
        private StateException journalFailed() {
            return new StateException(
                    "cannot write the state journal " + journal.path() + ": "
                            + journalFailure.getMessage()
                            + ". This run changes the state no further; what it changed is"
                            + " written to " + path + " when it ends, if it can be.",
                    journalFailure);
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("this state session of " + path + " was closed");
            }
        }

        /** Writes the file whole when the run changed anything, drops the journal, and releases the lock. */
        @Override
        public void close() {
            synchronized (writeLock) {
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    written = generation;
                    try {
                        closeQuietly(journal); // nothing is appended after this; the file is then written whole
                        if (generation > 0) {
                            writeWhole(document.toJson());
                            dropJournal();
                        }
                    } finally {
                        lock.close();
                    }
                }
            }
        }
    }

    private static void closeQuietly(StateJournal journal) {
        try {
            journal.close();
        } catch (IOException e) {
            // Every line was forced when it was written; closing can lose nothing.
        }
    }

    /** Configures a {@link FileStateStore}. */
    public static final class Builder {
        private Path path = DEFAULT_PATH;
        private StateKey key;
        private boolean keyGiven;
        private Duration lockWait = Duration.ofSeconds(30);
        private int iterations = StateEncryption.MIN_ITERATIONS;

        private Builder() {}

        /**
         * The state file; the lock file goes beside it. Default {@link #DEFAULT_PATH}.
         *
         * @param path the file, created on the first write
         * @return this builder
         */
        public Builder path(Path path) {
            this.path = requireNonNull(path, "path");
            return this;
        }

        /**
         * The key that encrypts stored values; null keeps no values. Defaults to the environment.
         *
         * @param key the key, or null
         * @return this builder
         */
        public Builder key(StateKey key) {
            this.key = key;
            this.keyGiven = true;
            return this;
        }

        /**
         * Shorthand for {@link #key(StateKey)} with a passphrase; null or empty keeps no values.
         *
         * @param passphrase the passphrase, or null
         * @return this builder
         */
        public Builder passphrase(char[] passphrase) {
            this.key = passphrase == null || passphrase.length == 0 ? null : StateKey.ofPassphrase(passphrase);
            this.keyGiven = true;
            return this;
        }

        /**
         * How long {@link #open()} waits for another run's lock before failing. Default 30 seconds.
         *
         * @param lockWait the wait; zero fails at once
         * @return this builder
         * @throws IllegalArgumentException when {@code lockWait} is negative
         */
        public Builder lockWait(Duration lockWait) {
            this.lockWait = StateStoreSettings.checkLockWait(lockWait);
            return this;
        }

        /**
         * PBKDF2 iterations for a new state file; at least 210,000 (the default).
         *
         * @param iterations the iteration count
         * @return this builder
         * @throws IllegalArgumentException when {@code iterations} is below 210,000
         */
        public Builder iterations(int iterations) {
            if (iterations < StateEncryption.MIN_ITERATIONS) {
                throw new IllegalArgumentException(
                        "PBKDF2 iterations must be at least " + StateEncryption.MIN_ITERATIONS + ", not " + iterations);
            }
            this.iterations = iterations;
            return this;
        }

        /** {@return the store} */
        public FileStateStore build() {
            // The environment only when no key was given, so a builder given one works whatever it holds.
            if (!keyGiven) {
                key = StateKey.fromEnvironment().orElse(null);
            }
            return new FileStateStore(this);
        }
    }
}
