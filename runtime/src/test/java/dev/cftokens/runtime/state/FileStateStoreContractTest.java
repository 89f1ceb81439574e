package dev.cftokens.runtime.state;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreContractTest extends StateStoreContract {
    @TempDir
    Path dir;

    @Override
    protected StateStore store(StateKey key, Duration lockWait) {
        return FileStateStore.builder()
                .path(dir.resolve("state.json"))
                .key(key)
                .lockWait(lockWait)
                .build();
    }
}
