package dev.cftokens.emulator.workers;

import dev.cftokens.emulator.http.ApiException;
import dev.cftokens.emulator.http.ErrorCodes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The account's Worker scripts, by name, stamped with the emulator's clock. Thread-safe. */
public final class WorkerScriptStore {
    private final Clock clock;
    private final Map<String, WorkerScript> byName = new LinkedHashMap<>();
    private Runnable onChange = () -> {};

    /**
     * An empty store.
     *
     * @param clock the clock scripts are stamped with
     */
    public WorkerScriptStore(Clock clock) {
        this.clock = clock;
    }

    /** {@return the time a change made now is stamped with, in whole seconds as Cloudflare shows it} */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Called after every change, outside the lock.
     *
     * @param listener runs after each change
     */
    public synchronized void onChange(Runnable listener) {
        this.onChange = listener;
    }

    /**
     * Stores a script, replacing one of the same name.
     *
     * @param script the script
     */
    public void put(WorkerScript script) {
        Runnable listener;
        synchronized (this) {
            byName.put(script.name(), script);
            listener = onChange;
        }
        listener.run();
    }

    /**
     * {@return the script of this name, if there is one}
     *
     * @param name the script's name
     */
    public synchronized Optional<WorkerScript> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * {@return the script of this name}
     *
     * @param name the script's name
     * @throws ApiException Cloudflare's 404 with code 10007 when there is none
     */
    public WorkerScript require(String name) {
        return get(name)
                .orElseThrow(() -> new ApiException(
                        404,
                        ErrorCodes.SCRIPT_NOT_FOUND,
                        "workers.api.error.script_not_found: there is no Worker script named \"" + name
                                + "\"; upload it first"));
    }

    /**
     * Sets a secret, replacing a secret of the same name; a non-secret binding of that name is a conflict.
     *
     * @param scriptName the script's name
     * @param secret the {@code secret_text} binding
     * @return {@code secret}
     * @throws ApiException a 404 for an unknown script, a 400 when the name is a non-secret binding
     */
    public WorkerBinding putSecret(String scriptName, WorkerBinding secret) {
        Runnable listener;
        synchronized (this) {
            WorkerScript script = require(scriptName);
            List<WorkerBinding> bindings = new ArrayList<>();
            for (WorkerBinding binding : script.bindings()) {
                if (!binding.name().equals(secret.name())) {
                    bindings.add(binding);
                } else if (!binding.isSecret()) {
                    throw ApiException.validation("name \"" + secret.name() + "\" is already a " + binding.type()
                            + " binding of script " + scriptName + "; a secret needs a name of its own");
                }
            }
            bindings.add(secret);
            byName.put(scriptName, script.withBindings(bindings, now()));
            listener = onChange;
        }
        listener.run();
        return secret;
    }

    /**
     * Removes a script; a script that is not there is Cloudflare's 404 with code 10007.
     *
     * @param name the script's name
     * @return the removed script
     * @throws ApiException a 404 when there is no such script
     */
    public WorkerScript delete(String name) {
        Runnable listener;
        WorkerScript removed;
        synchronized (this) {
            removed = require(name);
            byName.remove(name);
            listener = onChange;
        }
        listener.run();
        return removed;
    }

    /** {@return every script, in upload order} */
    public synchronized List<WorkerScript> all() {
        return List.copyOf(byName.values());
    }

    /**
     * Replaces everything with scripts read back from a state file.
     *
     * @param scripts the scripts
     */
    public synchronized void restore(List<WorkerScript> scripts) {
        byName.clear();
        scripts.forEach(s -> byName.put(s.name(), s));
    }
}
