package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;

/**
 * The default {@link StateStore}: a JSON file, {@code .cftokens/state.json} under the working
 * directory unless configured otherwise, written atomically with mode {@code 0600}, guarded by an OS
 * lock on {@code state.lock} beside it. Token values are kept only when a passphrase is configured
 * ({@value #PASSPHRASE_VARIABLE}), and then only encrypted with AES-GCM under a PBKDF2-derived key.
 */
public final class FileStateStore implements StateStore {
    /** The state file used when none is configured, relative to the working directory. */
    public static final Path DEFAULT_PATH = Path.of(".cftokens", "state.json");

    /** The environment variable holding the passphrase that encrypts stored token values. */
    public static final String PASSPHRASE_VARIABLE = "CFTOKENS_PASSPHRASE";

    private static final byte[] KEY_CHECK = "cftokens key check".getBytes(StandardCharsets.US_ASCII);
    private static final String KEY_CHECK_CONTEXT = "cftokens key check v1";

    private final Path path;
    private final Path lockFile;
    private final char[] passphrase;
    private final Duration lockWait;
    private final int iterations;
    private DerivedKey derivedKey;
    private int derivations;

    /**
     * The key last derived, for one salt and iteration count, kept for the store's lifetime so runs
     * through one store instance derive it (hundreds of milliseconds of PBKDF2) once.
     */
    private record DerivedKey(byte[] salt, int iterations, ValueCipher cipher) {}

    private FileStateStore(Builder builder) {
        this.path = builder.path;
        String name = path.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        this.lockFile = path.resolveSibling(stem + ".lock");
        this.passphrase = builder.passphrase;
        this.lockWait = builder.lockWait;
        this.iterations = builder.iterations;
    }

    /** The file at {@link #DEFAULT_PATH}, with the passphrase from {@value #PASSPHRASE_VARIABLE} if set. */
    public static FileStateStore inWorkingDirectory() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The state file. */
    public Path path() {
        return path;
    }

    /** The lock file beside it. */
    public Path lockFile() {
        return lockFile;
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
        try {
            StateDocument document = StateDocument.read(path);
            return new Session(lock, document, unlock(document));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The cipher for this run, or null when values are not kept; never changes the file. */
    private synchronized ValueCipher unlock(StateDocument document) {
        if (passphrase == null) {
            return null;
        }
        StateDocument.Encryption encryption = document.encryption;
        if (encryption == null) {
            // A file with no values yet: reuse the key this store derived before (its salt is as fresh as
            // any), so a service that opens an empty state at every provision() derives the key only once.
            DerivedKey cached = derivedKey;
            byte[] salt = cached != null && cached.iterations() == iterations
                    ? cached.salt().clone()
                    : ValueCipher.newSalt();
            ValueCipher cipher = cipher(salt, iterations);
            // Written with the first token; until then the file is not touched.
            document.encryption =
                    new StateDocument.Encryption(salt, iterations, cipher.seal(KEY_CHECK, KEY_CHECK_CONTEXT));
            return cipher;
        }
        ValueCipher cipher = cipher(encryption.salt(), encryption.iterations());
        try {
            byte[] check = cipher.open(encryption.keyCheck(), KEY_CHECK_CONTEXT);
            if (!Arrays.equals(check, KEY_CHECK)) {
                throw new AEADBadTagException("key check constant differs");
            }
        } catch (AEADBadTagException e) {
            throw new StateException("the passphrase in " + PASSPHRASE_VARIABLE
                    + " is not the one the values in the state file " + path + " were encrypted with;"
                    + " nothing was changed. Set the passphrase used before, or unset "
                    + PASSPHRASE_VARIABLE + " to run without stored values (tokens whose value is needed are"
                    + " then rolled).");
        }
        return cipher;
    }

    private ValueCipher cipher(byte[] salt, int iterationCount) {
        DerivedKey cached = derivedKey;
        if (cached != null && cached.iterations() == iterationCount && Arrays.equals(cached.salt(), salt)) {
            return cached.cipher();
        }
        ValueCipher cipher = ValueCipher.derive(passphrase, salt, iterationCount);
        derivations++;
        derivedKey = new DerivedKey(salt.clone(), iterationCount, cipher);
        return cipher;
    }

    /** How many times this store has derived a key; for tests. */
    synchronized int derivations() {
        return derivations;
    }

    private static String valueContext(TokenRecord record) {
        return "cftokens value v1|" + record.declarationId() + "|" + record.tokenId();
    }

    /**
     * A locked run. Writes are serialized and coalesced: a writer whose change was already included in
     * a write that finished meanwhile returns without writing again, so parallel creates share fsyncs.
     */
    private final class Session implements StateSession {
        private final StateLock lock;
        private final StateDocument document;
        private final ValueCipher cipher;
        private final Object writeLock = new Object();
        private long generation;
        private long written;
        private boolean closed;

        Session(StateLock lock, StateDocument document, ValueCipher cipher) {
            this.lock = lock;
            this.document = document;
            this.cipher = cipher;
        }

        @Override
        public synchronized Collection<TokenRecord> records() {
            List<TokenRecord> records = new ArrayList<>();
            document.entries.values().forEach(entry -> records.add(entry.record()));
            return List.copyOf(records);
        }

        @Override
        public synchronized Optional<TokenRecord> record(String declarationId) {
            StateDocument.Entry entry = document.entries.get(declarationId);
            return entry == null ? Optional.empty() : Optional.of(entry.record());
        }

        @Override
        public Optional<Secret> value(String declarationId) {
            StateDocument.Entry entry;
            synchronized (this) {
                entry = document.entries.get(declarationId);
            }
            if (entry == null || entry.value() == null || cipher == null) {
                return Optional.empty();
            }
            byte[] plain;
            try {
                plain = cipher.open(entry.value(), valueContext(entry.record()));
            } catch (AEADBadTagException e) {
                // The key is right (checked at open), so this entry was altered or moved: treat it as absent.
                return Optional.empty();
            }
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
            char[] value = new char[chars.remaining()];
            chars.get(value);
            Arrays.fill(plain, (byte) 0);
            Arrays.fill(chars.array(), '\0');
            try {
                return Optional.of(Secret.of(value));
            } finally {
                Arrays.fill(value, '\0');
            }
        }

        @Override
        public boolean storesValues() {
            return cipher != null;
        }

        @Override
        public void put(TokenRecord record) {
            requireNonNull(record, "record");
            long mine;
            synchronized (this) {
                checkOpen();
                StateDocument.Entry previous = document.entries.get(record.declarationId());
                ValueCipher.Sealed kept = previous != null
                                && previous.value() != null
                                && previous.record().tokenId().equals(record.tokenId())
                        ? previous.value()
                        : null;
                if (kept != null && !valueContext(previous.record()).equals(valueContext(record))) {
                    kept = null;
                }
                document.entries.put(record.declarationId(), new StateDocument.Entry(record, kept));
                document.pending.remove(record.declarationId());
                mine = ++generation;
            }
            persist(mine);
        }

        @Override
        public void put(TokenRecord record, Secret value) {
            requireNonNull(record, "record");
            requireNonNull(value, "value");
            ValueCipher.Sealed sealed = null;
            if (cipher != null) {
                byte[] plain = value.revealBytes();
                try {
                    sealed = cipher.seal(plain, valueContext(record));
                } finally {
                    Arrays.fill(plain, (byte) 0);
                }
            }
            long mine;
            synchronized (this) {
                checkOpen();
                document.entries.put(record.declarationId(), new StateDocument.Entry(record, sealed));
                document.pending.remove(record.declarationId());
                mine = ++generation;
            }
            persist(mine);
        }

        @Override
        public void remove(String declarationId) {
            long mine;
            synchronized (this) {
                checkOpen();
                if (document.entries.remove(declarationId) == null) {
                    return;
                }
                mine = ++generation;
            }
            persist(mine);
        }

        @Override
        public synchronized Collection<PendingCreate> pendingCreates() {
            return List.copyOf(document.pending.values());
        }

        @Override
        public void putPendingCreate(PendingCreate pending) {
            requireNonNull(pending, "pending");
            long mine;
            synchronized (this) {
                checkOpen();
                document.pending.put(pending.declarationId(), pending);
                mine = ++generation;
            }
            persist(mine);
        }

        @Override
        public void removePendingCreate(String declarationId) {
            long mine;
            synchronized (this) {
                checkOpen();
                if (document.pending.remove(declarationId) == null) {
                    return;
                }
                mine = ++generation;
            }
            persist(mine);
        }

        private void persist(long mine) {
            synchronized (writeLock) {
                if (written >= mine) {
                    return;
                }
                byte[] json;
                long snapshot;
                synchronized (this) {
                    json = document.toJson();
                    snapshot = generation;
                }
                try {
                    AtomicFile.write(path, json);
                } catch (IOException e) {
                    throw new StateException("cannot write the state file " + path + ": " + e.getMessage(), e);
                }
                written = snapshot;
            }
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("this state session of " + path + " was closed");
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                lock.close();
            }
        }
    }

    /** Configures a {@link FileStateStore}. */
    public static final class Builder {
        private Path path = DEFAULT_PATH;
        private char[] passphrase = passphraseFromEnvironment();
        private Duration lockWait = Duration.ofSeconds(30);
        private int iterations = ValueCipher.MIN_ITERATIONS;

        private Builder() {}

        public Builder path(Path path) {
            this.path = requireNonNull(path, "path");
            return this;
        }

        /** The passphrase that encrypts stored values; null keeps no values. Defaults to the environment. */
        public Builder passphrase(char[] passphrase) {
            this.passphrase = passphrase == null || passphrase.length == 0 ? null : passphrase.clone();
            return this;
        }

        /** How long {@link #open()} waits for another run's lock before failing. Default 30 seconds. */
        public Builder lockWait(Duration lockWait) {
            requireNonNull(lockWait, "lockWait");
            if (lockWait.isNegative()) {
                throw new IllegalArgumentException("lockWait must not be negative, not " + lockWait);
            }
            this.lockWait = lockWait;
            return this;
        }

        /** PBKDF2 iterations for a new state file; at least 210,000 (the default). */
        public Builder iterations(int iterations) {
            if (iterations < ValueCipher.MIN_ITERATIONS) {
                throw new IllegalArgumentException(
                        "PBKDF2 iterations must be at least " + ValueCipher.MIN_ITERATIONS + ", not " + iterations);
            }
            this.iterations = iterations;
            return this;
        }

        public FileStateStore build() {
            return new FileStateStore(this);
        }

        private static char[] passphraseFromEnvironment() {
            String value = System.getenv(PASSPHRASE_VARIABLE);
            return value == null || value.isEmpty() ? null : value.toCharArray();
        }
    }
}
