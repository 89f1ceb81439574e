package dev.cftokens.cli;

import dev.cftokens.runtime.state.FileStateStore;
import dev.cftokens.runtime.state.InMemoryStateStore;
import dev.cftokens.runtime.state.StateCopy;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.StateStoreSettings;
import dev.cftokens.runtime.state.StateStores;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * The commands and options about the state: which store {@code --state} or {@code CFTOKENS_STATE} names,
 * {@code key} (a new raw key) and {@code state copy} (moving a state into another store, such as a file
 * into the shared PostgreSQL store).
 */
final class StateCommands {
    private StateCommands() {}

    /**
     * The store {@code --state} names, else {@code CFTOKENS_STATE}, else the default file, with the key and
     * database credentials {@code environment} gives.
     */
    static StateStore store(String state, Duration lockWait, Function<String, String> environment) {
        Function<String, String> lookup =
                name -> state != null && name.equals(StateStores.STATE_VARIABLE) ? state : environment.apply(name);
        StateStoreSettings settings =
                StateStores.settingsFrom(lookup, state != null ? "--state" : StateStores.STATE_VARIABLE);
        return StateStores.create(lockWait == null ? settings : settings.withLockWait(lockWait));
    }

    /**
     * The store a plan reads: a plan writes nothing, and opening a file state creates its directory (for the
     * lock), so a file whose directory does not exist yet is planned as the empty state it is.
     */
    static StateStore forPlan(StateStore store) {
        if (store instanceof FileStateStore file) {
            Path directory = file.path().toAbsolutePath().getParent();
            if (directory != null && !Files.isDirectory(directory)) {
                return InMemoryStateStore.withoutValues();
            }
        }
        return store;
    }

    /** Prints a new random key for {@value StateKey#KEY_VARIABLE}. */
    static int key(PrintStream out, PrintStream err) {
        out.println(StateKey.generate().toBase64());
        err.println("cftokens: a new 256-bit key; keep it in a secret and give it to every instance as "
                + StateKey.KEY_VARIABLE + ". Values encrypted under another key are not readable with it:"
                + " move a state to it with `state copy`.");
        return Main.OK;
    }

    /**
     * {@code state copy --from <path or URL> --to <path or URL>}: the target gets the environment's key, the
     * source the key named by {@code --from-key-env} or {@code --from-passphrase-env}, or the environment's.
     */
    static int copy(Arguments arguments, PrintStream out) {
        if (!arguments.positional.equals(java.util.List.of("copy"))) {
            throw new UsageException("the state command is `state copy --from <path or URL> --to <path or URL>`,"
                    + " not `state " + String.join(" ", arguments.positional) + "`");
        }
        if (arguments.copyFrom == null || arguments.copyTo == null) {
            throw new UsageException("state copy needs --from <path or URL> and --to <path or URL>");
        }
        StateStoreSettings from = StateStoreSettings.of(arguments.copyFrom, "--from");
        StateKey sourceKey = sourceKey(arguments);
        if (sourceKey != null) {
            from = from.withKey(sourceKey);
        }
        StateStore source = StateStores.create(StateStores.withLookup(from, System::getenv));
        StateStore target = StateStores.create(
                StateStores.withLookup(StateStoreSettings.of(arguments.copyTo, "--to"), System::getenv));
        StateCopy.Result result = StateCopy.copy(source, target);
        out.println("Copied " + result.records() + " record(s), " + result.values() + " with their value, and "
                + result.pendingCreates() + " pending create(s) from " + source.describe() + " to "
                + target.describe() + ". The source is unchanged; remove it once every instance uses the target.");
        return Main.OK;
    }

    private static StateKey sourceKey(Arguments arguments) {
        if (arguments.fromKeyEnv != null && arguments.fromPassphraseEnv != null) {
            throw new UsageException("give --from-key-env or --from-passphrase-env, not both");
        }
        if (arguments.fromKeyEnv != null) {
            return StateKey.ofBase64(variable(arguments.fromKeyEnv, "--from-key-env"));
        }
        if (arguments.fromPassphraseEnv != null) {
            return StateKey.ofPassphrase(variable(arguments.fromPassphraseEnv, "--from-passphrase-env")
                    .toCharArray());
        }
        return null;
    }

    private static String variable(String name, String option) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new UsageException(
                    option + " names the environment variable " + Quoted.of(name) + ", which is not set");
        }
        return value;
    }
}
