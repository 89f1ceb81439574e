package dev.cftokens.runtime.workers;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.ProvisionedToken;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The Worker secrets that follow a token's rotations, for one client (so one account): by script and binding
 * name, the token its last deploy bound there. A move of a token re-binds each secret that follows it once,
 * however often the script was deployed; a redeploy that binds the name to something else, or drops it, ends
 * the following. Holding the tokens also keeps them refreshed while the client is in use, even when the
 * application dropped its own handles. Thread-safe.
 */
final class FollowedBindings {
    private static final System.Logger REBINDS = System.getLogger("dev.cftokens.provisioning");

    /** One secret of one script. */
    private record Target(String script, String binding) {}

    private final WorkerScripts scripts;
    private final Map<Target, ProvisionedToken<?>> followed = new ConcurrentHashMap<>();

    /** The tokens told to tell this client of their moves: once each, however many deploys bind them. */
    private final Set<ProvisionedToken<?>> listenedTo = ConcurrentHashMap.newKeySet();

    FollowedBindings(WorkerScripts scripts) {
        this.scripts = requireNonNull(scripts, "scripts");
    }

    /**
     * Notes what an upload of {@code worker} that went through bound: its token bindings follow their tokens
     * from now on, and bindings of the script it replaced (or left out) no longer follow theirs. A binding
     * whose token moved while the upload was in flight is set to the token's new value at once.
     */
    void deployed(Worker worker) {
        Set<String> names = worker.bindings().stream().map(Worker.Binding::name).collect(Collectors.toSet());
        // Without keep_bindings, the upload removed the script's secrets it does not name.
        if (!worker.keptBindingTypes().contains("secret_text")) {
            followed.keySet()
                    .removeIf(target -> target.script().equals(worker.name()) && !names.contains(target.binding()));
        }
        for (Worker.Binding binding : worker.bindings()) {
            Target target = new Target(worker.name(), binding.name());
            ProvisionedToken<?> token = binding.token();
            if (token == null) {
                followed.remove(target);
                continue;
            }
            followed.put(target, token);
            if (listenedTo.add(token)) {
                token.onRotation(rotation -> moved(token));
            }
        }
        for (Worker.Binding binding : worker.bindings()) {
            ProvisionedToken<?> token = binding.token();
            if (token != null && !token.id().equals(binding.tokenId())) {
                rebind(new Target(worker.name(), binding.name()), token);
            }
        }
    }

    private void moved(ProvisionedToken<?> token) {
        followed.forEach((target, following) -> {
            if (following == token) {
                rebind(target, token);
            }
        });
    }

    /** Sets the token's new value as the script's secret; a failure is logged, the next rotation tries again. */
    private void rebind(Target target, ProvisionedToken<?> token) {
        try {
            scripts.putSecret(target.script(), target.binding(), token.value());
            REBINDS.log(
                    System.Logger.Level.INFO,
                    "Worker " + target.script() + ": " + target.binding() + " now holds token " + token.id() + " of "
                            + token.declarationId());
        } catch (RuntimeException e) {
            // Messages of the client never hold a secret.
            REBINDS.log(
                    System.Logger.Level.WARNING,
                    "Worker " + target.script() + ": cannot set " + target.binding() + " to token " + token.id()
                            + " of " + token.declarationId() + " (" + e.getMessage() + "); it still holds the"
                            + " previous generation, which stops working when its overlap ends");
        }
    }
}
