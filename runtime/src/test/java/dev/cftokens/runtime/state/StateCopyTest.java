package dev.cftokens.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Secret;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateCopyTest {
    @TempDir
    Path dir;

    private FileStateStore store(String name, StateKey key) {
        return FileStateStore.builder().path(dir.resolve(name)).key(key).build();
    }

    private static TokenRecord record(String id) {
        return new TokenRecord(id, "t-" + id, TokenOwner.ACCOUNT, null, "Token " + id, "sha256:" + "0".repeat(64));
    }

    @Test
    void recordsValuesAndPendingCreatesMoveUnderTheTargetsKey() {
        StateKey passphrase = StateKey.ofPassphrase("old passphrase".toCharArray());
        StateKey key = StateKey.generate();
        PendingCreate pending = new PendingCreate(
                "c", TokenOwner.USER, null, "sha256:" + "1".repeat(64), Instant.parse("2026-01-01T00:00:00Z"));
        try (StateSession source = store("from.json", passphrase).open()) {
            source.put(record("a"), Secret.of("value-a"));
            source.put(record("b"));
            source.putPendingCreate(pending);
        }
        StateCopy.Result result = StateCopy.copy(store("from.json", passphrase), store("to.json", key));
        assertThat(result).isEqualTo(new StateCopy.Result(2, 1, 1));
        try (StateSession target = store("to.json", key).open()) {
            assertThat(target.records()).containsExactlyInAnyOrder(record("a"), record("b"));
            assertThat(target.value("a").orElseThrow().reveal()).isEqualTo("value-a");
            assertThat(target.pendingCreates()).containsExactly(pending);
        }
        // The target is encrypted under its own key, not the source's passphrase.
        assertThatThrownBy(() -> {
                    store("to.json", passphrase).open().close();
                })
                .isInstanceOf(StateException.class);
    }

    @Test
    void aTargetThatHoldsRecordsIsRefusedAndLeftAlone() {
        StateKey key = StateKey.generate();
        try (StateSession source = store("from.json", key).open()) {
            source.put(record("a"), Secret.of("value-a"));
        }
        try (StateSession target = store("to.json", key).open()) {
            target.put(record("z"));
        }
        assertThatThrownBy(() -> StateCopy.copy(store("from.json", key), store("to.json", key)))
                .isInstanceOf(StateException.class)
                .hasMessageContaining("already holds 1 record(s)")
                .hasMessageContaining("Nothing was copied");
        try (StateSession target = store("to.json", key).open()) {
            assertThat(target.records()).containsExactly(record("z"));
        }
    }
}
