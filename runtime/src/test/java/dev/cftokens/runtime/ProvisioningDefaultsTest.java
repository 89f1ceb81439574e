package dev.cftokens.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.runtime.state.FileStateStore;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.StateStoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisioningDefaultsTest {
    @TempDir
    Path dir;

    private static Cloudflare cloudflare() {
        return Cloudflare.builder()
                .baseUrl("http://127.0.0.1:9/client/v4")
                .accountId("0123456789abcdef0123456789abcdef")
                .apiToken("unused")
                .build();
    }

    @Test
    void everyProvisioningInTheJvmSharesOneDefaultStateStore() {
        // A generated provision(cloudflare) makes a new Provisioning per call: they must share one store,
        // so its derived key is derived once per JVM, not once per call.
        StateStore first = Provisioning.with(cloudflare()).effectiveStateStore();
        StateStore second = Provisioning.with(cloudflare()).effectiveStateStore();
        assertThat(first).isInstanceOf(FileStateStore.class).isSameAs(second);
        Path path = ((FileStateStore) first).path();
        assertThat(path).isAbsolute();
        assertThat(path.endsWith(FileStateStore.DEFAULT_PATH))
                .as("%s ends with the default path", path)
                .isTrue();
    }

    @Test
    void defaultStoresAreOnePerCanonicalPathEvenWhenAskedForAtOnce() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Path plain = dir.resolve("state.json");
        Path roundabout = dir.resolve("sub").resolve("..").resolve("state.json");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<StateStore>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                Path path = i % 2 == 0 ? plain : roundabout;
                calls.add(() -> defaultStore(path));
            }
            StateStore expected = defaultStore(plain);
            assertThat(expected).isInstanceOf(FileStateStore.class);
            for (Future<StateStore> store : pool.invokeAll(calls)) {
                assertThat(store.get()).isSameAs(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(defaultStore(dir.resolve("other.json"))).isNotSameAs(defaultStore(plain));
    }

    private static StateStore defaultStore(Path path) {
        return Provisioning.defaultStore(StateStoreSettings.of(path.toString(), "a test"));
    }
}
