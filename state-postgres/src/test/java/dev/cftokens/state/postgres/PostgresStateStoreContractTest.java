package dev.cftokens.state.postgres;

import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.StateStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/** The file store's guarantees, held by the PostgreSQL store (each test on tables of its own). */
class PostgresStateStoreContractTest extends StateStoreContract {
    private String prefix;

    @BeforeEach
    void freshTables() {
        prefix = Database.freshPrefix();
    }

    @Override
    protected boolean runsWithoutAKey() {
        return false;
    }

    @Override
    protected StateStore store(StateKey key, Duration lockWait) {
        return PostgresStateStore.builder()
                .url(Database.url())
                .key(key)
                .tablePrefix(prefix)
                .lockWait(lockWait)
                .build();
    }
}
