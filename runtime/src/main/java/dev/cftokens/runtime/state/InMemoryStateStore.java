package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * A {@link StateStore} held in this process's memory, for services that provision at every start and
 * keep no files (a restarted service then adopts its tokens back by name and grants, and rolls a value
 * it needs), and for tests. Keeps values when asked to, sealed under a key of its own that never leaves
 * the process.
 */
public final class InMemoryStateStore implements StateStore {
    private final StateKey key; // null when values are not kept
    // A semaphore, not a lock: a session may be closed by another thread than the one that opened it.
    private final Semaphore lock = new Semaphore(1);
    private final Map<String, StoredToken> tokens = new LinkedHashMap<>();
    /** By declaration id, then holder. */
    private final Map<String, Map<String, Holding>> holdings = new LinkedHashMap<>();

    private final Map<String, PendingCreate> pending = new LinkedHashMap<>();
    private byte[] keyCheck;

    private InMemoryStateStore(StateKey key) {
        this.key = key;
    }

    /** {@return a store that keeps records but no values} */
    public static InMemoryStateStore withoutValues() {
        return new InMemoryStateStore(null);
    }

    /** {@return a store that keeps records and values (in this process only)} */
    public static InMemoryStateStore withValues() {
        return new InMemoryStateStore(StateKey.generate());
    }

    @Override
    public String describe() {
        return "in-memory state";
    }

    @Override
    public StateSession open() {
        lock.acquireUninterruptibly();
        return StateSession.over(new Rows(), key, describe());
    }

    /** The store's maps for one run; every call takes the store's monitor. */
    private final class Rows implements StateRows {
        private boolean closed;

        @Override
        public Collection<StoredToken> tokens() {
            synchronized (tokens) {
                return List.copyOf(tokens.values());
            }
        }

        @Override
        public Optional<StoredToken> token(String declarationId) {
            synchronized (tokens) {
                return Optional.ofNullable(tokens.get(declarationId));
            }
        }

        @Override
        public void write(StoredToken token) {
            requireNonNull(token, "token");
            synchronized (tokens) {
                tokens.put(token.record().declarationId(), token);
                pending.remove(token.record().declarationId());
            }
        }

        @Override
        public void delete(String declarationId) {
            synchronized (tokens) {
                tokens.remove(declarationId);
            }
        }

        @Override
        public Collection<PendingCreate> pendingCreates() {
            synchronized (tokens) {
                return List.copyOf(pending.values());
            }
        }

        @Override
        public void putPendingCreate(PendingCreate create) {
            synchronized (tokens) {
                pending.put(create.declarationId(), requireNonNull(create, "create"));
            }
        }

        @Override
        public void removePendingCreate(String declarationId) {
            synchronized (tokens) {
                pending.remove(declarationId);
            }
        }

        @Override
        public void hold(Holding holding) {
            synchronized (tokens) {
                holdings.computeIfAbsent(holding.declarationId(), id -> new LinkedHashMap<>())
                        .put(holding.holder(), holding);
            }
        }

        @Override
        public Collection<Holding> holdings(String declarationId) {
            synchronized (tokens) {
                return List.copyOf(
                        holdings.getOrDefault(declarationId, Map.of()).values());
            }
        }

        @Override
        public Optional<byte[]> keyCheck() {
            synchronized (tokens) {
                return Optional.ofNullable(keyCheck).map(byte[]::clone);
            }
        }

        @Override
        public byte[] keepKeyCheck(byte[] proposed) {
            synchronized (tokens) {
                if (keyCheck == null) {
                    keyCheck = proposed.clone();
                }
                return keyCheck.clone();
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                lock.release();
            }
        }
    }
}
