package dev.cftokens.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Secret;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateStore} guarantees, run against each implementation by a subclass: the file
 * store here, the PostgreSQL store in its own module (this class ships in runtime's test jar).
 */
public abstract class StateStoreContract {
    protected static final String VALUE = "Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0KkLlMmNnOo";
    protected static final String ACCOUNT = "0123456789abcdef0123456789abcdef";

    /**
     * A store over one state shared by every call of a test (a new instance each call, as another
     * process would have), encrypting values under {@code key} (null: no values), waiting {@code lockWait}
     * for another run's lock.
     */
    protected abstract StateStore store(StateKey key, Duration lockWait);

    /** False for a store that refuses to run without a key (a shared store, which must hand values on). */
    protected boolean runsWithoutAKey() {
        return true;
    }

    private StateStore store(StateKey key) {
        return store(key, Duration.ofMillis(400));
    }

    protected static TokenRecord record(String id, String tokenId) {
        return new TokenRecord(id, tokenId, TokenOwner.ACCOUNT, ACCOUNT, "Token " + id, "sha256:" + "0".repeat(64));
    }

    private static final StateKey RAW_KEY = StateKey.generate();

    @Test
    void recordsAndValuesRoundTripThroughANewStoreInstance() {
        try (StateSession session = store(RAW_KEY).open()) {
            assertThat(session.storesValues()).isTrue();
            session.put(record("a", "t1"), Secret.of(VALUE));
            session.put(record("b", "t2"));
        }
        try (StateSession session = store(RAW_KEY).open()) {
            assertThat(session.records()).containsExactlyInAnyOrder(record("a", "t1"), record("b", "t2"));
            assertThat(session.record("a")).contains(record("a", "t1"));
            assertThat(session.value("a").orElseThrow().reveal()).isEqualTo(VALUE);
            assertThat(session.value("b")).isEmpty();
            assertThat(session.record("missing")).isEmpty();
        }
    }

    @Test
    void generationsRoundTripWithTheirNumbersAndRevocation() {
        Instant retireAt = Instant.parse("2026-12-10T08:00:00Z");
        TokenRecord rotated = record("a", "t3")
                .withIssuedAt(Instant.parse("2026-12-08T08:00:00Z"))
                .withGeneration(3)
                .withPrevious(new PreviousGeneration("t2", retireAt, true));
        TokenRecord kept = record("b", "t5").withPrevious(new PreviousGeneration("t4", retireAt));
        try (StateSession session = store(RAW_KEY).open()) {
            session.put(rotated, Secret.of(VALUE));
            session.put(kept);
        }
        try (StateSession session = store(RAW_KEY).open()) {
            assertThat(session.record("a")).contains(rotated);
            assertThat(session.record("a").orElseThrow().generation()).isEqualTo(3);
            assertThat(session.record("a").orElseThrow().previous().revoked()).isTrue();
            assertThat(session.record("b").orElseThrow().generation()).isEqualTo(1);
            assertThat(session.record("b").orElseThrow().previous().revoked()).isFalse();
            assertThat(session.value("a").orElseThrow().reveal()).isEqualTo(VALUE);
        }
    }

    @Test
    void aPassphraseWorksAsWellAsARawKey() {
        StateKey passphrase = StateKey.ofPassphrase("contract passphrase".toCharArray());
        try (StateSession session = store(passphrase).open()) {
            session.put(record("a", "t1"), Secret.of(VALUE));
        }
        try (StateSession session = store(StateKey.ofPassphrase("contract passphrase".toCharArray()))
                .open()) {
            assertThat(session.value("a").orElseThrow().reveal()).isEqualTo(VALUE);
        }
    }

    @Test
    void putWithoutValueKeepsTheValueOnlyForTheSameToken() {
        try (StateSession session = store(RAW_KEY).open()) {
            session.put(record("a", "t1"), Secret.of(VALUE));
            session.put(record("a", "t1"));
            assertThat(session.value("a")).isPresent();
            session.put(record("a", "t2"));
            assertThat(session.value("a")).isEmpty();
        }
        try (StateSession session = store(RAW_KEY).open()) {
            assertThat(session.record("a").orElseThrow().tokenId()).isEqualTo("t2");
            assertThat(session.value("a")).isEmpty();
        }
    }

    @Test
    void withoutAKeyNoValueIsKept() {
        assumeTrue(runsWithoutAKey(), "this store needs a key");
        try (StateSession session = store(null).open()) {
            assertThat(session.storesValues()).isFalse();
            session.put(record("a", "t1"), Secret.of(VALUE));
            assertThat(session.value("a")).isEmpty();
        }
        try (StateSession session = store(null).open()) {
            assertThat(session.record("a")).isPresent();
        }
    }

    @Test
    void aWrongKeyIsAClearErrorThatChangesNothing() {
        try (StateSession session = store(RAW_KEY).open()) {
            session.put(record("a", "t1"), Secret.of(VALUE));
        }
        StateKey other = StateKey.generate();
        assertThatThrownBy(() -> openAndCheckKey(store(other)))
                .isInstanceOf(StateException.class)
                .hasMessageContaining(StateKey.KEY_VARIABLE)
                .hasMessageContaining("nothing was changed")
                .hasMessageNotContaining(other.toBase64())
                .hasMessageNotContaining(RAW_KEY.toBase64());
        assertThatThrownBy(() -> openAndCheckKey(store(StateKey.ofPassphrase("p".toCharArray()))))
                .isInstanceOf(StateException.class)
                .hasMessageContaining("raw key")
                .hasMessageContaining(StateKey.PASSPHRASE_VARIABLE + " was given");
        try (StateSession session = store(RAW_KEY).open()) {
            assertThat(session.value("a").orElseThrow().reveal()).isEqualTo(VALUE);
        }
    }

    /** A store checks the key when it opens. */
    private static void openAndCheckKey(StateStore store) {
        store.open().close();
    }

    @Test
    void removeForgetsARecord() {
        try (StateSession session = store(RAW_KEY).open()) {
            session.put(record("a", "t1"), Secret.of(VALUE));
            session.remove("a");
            session.remove("never-there");
        }
        try (StateSession session = store(RAW_KEY).open()) {
            assertThat(session.records()).isEmpty();
            assertThat(session.value("a")).isEmpty();
        }
    }

    @Test
    void pendingCreatesAreDurableAndDroppedByTheRecord() {
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        PendingCreate a = new PendingCreate("a", TokenOwner.ACCOUNT, ACCOUNT, "sha256:" + "1".repeat(64), since);
        PendingCreate b = new PendingCreate("b", TokenOwner.USER, null, "sha256:" + "2".repeat(64), since);
        try (StateSession session = store(RAW_KEY).open()) {
            session.putPendingCreate(a);
            session.putPendingCreate(b);
        }
        try (StateSession session = store(RAW_KEY).open()) {
            assertThat(session.pendingCreates()).containsExactlyInAnyOrder(a, b);
            session.put(record("a", "t1"), Secret.of(VALUE));
            session.removePendingCreate("b");
        }
        try (StateSession session = store(RAW_KEY).open()) {
            assertThat(session.pendingCreates()).isEmpty();
            assertThat(session.record("a")).isPresent();
        }
    }

    @Test
    void parallelWritersOfOneSessionAllLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (StateSession session = store(RAW_KEY).open()) {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "token-" + i;
                writes.add(pool.submit(() -> session.put(record(id, "t-" + id), Secret.of(VALUE))));
            }
            for (Future<?> write : writes) {
                write.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (StateSession session = store(RAW_KEY).open()) {
            assertThat(session.records()).hasSize(40);
            assertThat(session.value("token-39").orElseThrow().reveal()).isEqualTo(VALUE);
        }
    }

    @Test
    void aSecondRunWaitsForTheFirstThenFailsPastItsWait() {
        try (StateSession first = store(RAW_KEY).open()) {
            first.put(record("a", "t1"));
            long started = System.nanoTime();
            assertThatThrownBy(
                            () -> store(RAW_KEY, Duration.ofMillis(300)).open().close())
                    .isInstanceOf(StateException.class)
                    .hasMessageContaining("wait");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
        try (StateSession again = store(RAW_KEY).open()) {
            assertThat(again.record("a")).isPresent();
        }
    }

    @Test
    void aScopedRunWaitsForAFullRunAndForTheSameDeclaration() {
        try (StateSession full = store(RAW_KEY).open()) {
            assertThatThrownBy(() -> store(RAW_KEY, Duration.ofMillis(200))
                            .open(Set.of("a"))
                            .close())
                    .isInstanceOf(StateException.class);
        }
        try (StateSession scoped = store(RAW_KEY).open(Set.of("a"))) {
            scoped.put(record("a", "t1"), Secret.of(VALUE));
            assertThatThrownBy(() -> store(RAW_KEY, Duration.ofMillis(200))
                            .open(Set.of("a"))
                            .close())
                    .isInstanceOf(StateException.class);
        }
        try (StateSession scoped = store(RAW_KEY).open(Set.of("a"))) {
            assertThat(scoped.value("a").orElseThrow().reveal()).isEqualTo(VALUE);
        }
    }
}
