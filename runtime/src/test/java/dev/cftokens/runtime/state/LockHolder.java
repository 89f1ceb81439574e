package dev.cftokens.runtime.state;

import java.nio.file.Path;
import java.time.Duration;

/** A child process for the lock test: takes the state lock, says so, and holds it until killed. */
public final class LockHolder {
    private LockHolder() {}

    public static void main(String[] args) throws InterruptedException {
        FileStateStore store = FileStateStore.builder()
                .path(Path.of(args[0]))
                .passphrase(null)
                .lockWait(Duration.ofSeconds(10))
                .build();
        try (StateSession session = store.open()) {
            System.out.println("locked with " + session.records().size() + " records");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
