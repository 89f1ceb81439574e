package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Secret;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * A {@link StateStore} held in this process's memory, for services that provision at every start and
 * keep no files (a restarted service then adopts its tokens back by name and grants, and rolls a value
 * it needs), and for tests. Keeps values in memory when asked to.
 */
public final class InMemoryStateStore implements StateStore {
    private final boolean storesValues;
    // A semaphore, not a lock: a session may be closed by another thread than the one that opened it.
    private final Semaphore lock = new Semaphore(1);
    private final Map<String, TokenRecord> records = new LinkedHashMap<>();
    /** By declaration id, then holder. */
    private final Map<String, Map<String, Holding>> holdings = new LinkedHashMap<>();

    private final Map<String, Secret> values = new LinkedHashMap<>();
    private final Map<String, PendingCreate> pending = new LinkedHashMap<>();

    private InMemoryStateStore(boolean storesValues) {
        this.storesValues = storesValues;
    }

    /** {@return a store that keeps records but no values} */
    public static InMemoryStateStore withoutValues() {
        return new InMemoryStateStore(false);
    }

    /** {@return a store that keeps records and values (in this process only)} */
    public static InMemoryStateStore withValues() {
        return new InMemoryStateStore(true);
    }

    @Override
    public String describe() {
        return "in-memory state";
    }

    @Override
    public StateSession open() {
        lock.acquireUninterruptibly();
        return new StateSession() {
            private boolean closed;

            @Override
            public Collection<TokenRecord> records() {
                synchronized (records) {
                    return List.copyOf(records.values());
                }
            }

            @Override
            public Optional<TokenRecord> record(String declarationId) {
                synchronized (records) {
                    return Optional.ofNullable(records.get(declarationId));
                }
            }

            @Override
            public Optional<Secret> value(String declarationId) {
                synchronized (records) {
                    Secret value = values.get(declarationId);
                    return value == null ? Optional.empty() : Optional.of(Secret.of(value.reveal()));
                }
            }

            @Override
            public boolean storesValues() {
                return storesValues;
            }

            @Override
            public void put(TokenRecord record) {
                synchronized (records) {
                    TokenRecord previous = records.put(record.declarationId(), requireNonNull(record, "record"));
                    pending.remove(record.declarationId());
                    if (previous == null || !previous.tokenId().equals(record.tokenId())) {
                        values.remove(record.declarationId());
                    }
                }
            }

            @Override
            public void put(TokenRecord record, Secret value) {
                synchronized (records) {
                    records.put(record.declarationId(), requireNonNull(record, "record"));
                    pending.remove(record.declarationId());
                    if (storesValues) {
                        values.put(record.declarationId(), Secret.of(value.reveal()));
                    } else {
                        values.remove(record.declarationId());
                    }
                }
            }

            @Override
            public void remove(String declarationId) {
                synchronized (records) {
                    records.remove(declarationId);
                    values.remove(declarationId);
                }
            }

            @Override
            public Collection<PendingCreate> pendingCreates() {
                synchronized (records) {
                    return List.copyOf(pending.values());
                }
            }

            @Override
            public void putPendingCreate(PendingCreate create) {
                synchronized (records) {
                    pending.put(create.declarationId(), requireNonNull(create, "create"));
                }
            }

            @Override
            public void removePendingCreate(String declarationId) {
                synchronized (records) {
                    pending.remove(declarationId);
                }
            }

            @Override
            public void hold(Holding holding) {
                synchronized (records) {
                    holdings.computeIfAbsent(holding.declarationId(), id -> new LinkedHashMap<>())
                            .put(holding.holder(), holding);
                }
            }

            @Override
            public Collection<Holding> holdings(String declarationId) {
                synchronized (records) {
                    return List.copyOf(
                            holdings.getOrDefault(declarationId, Map.of()).values());
                }
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    lock.release();
                }
            }
        };
    }
}
