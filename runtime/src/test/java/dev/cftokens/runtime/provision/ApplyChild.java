package dev.cftokens.runtime.provision;

import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.state.FileStateStore;
import java.nio.file.Path;
import java.util.List;

/**
 * A child process for {@link KilledApplyTest}: applies {@code count} declarations with the credentials
 * in the environment, and is killed by the test halfway.
 */
public final class ApplyChild {
    private ApplyChild() {}

    public static void main(String[] args) {
        Path state = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        List<HandMadeProvisioner> declared = KilledApplyTest.declarations(count);
        Provisioning.with(Cloudflare.fromEnvironment())
                .stateStore(
                        FileStateStore.builder().path(state).passphrase(null).build())
                .output(System.out)
                .parallelism(4)
                .apply(declared);
    }
}
