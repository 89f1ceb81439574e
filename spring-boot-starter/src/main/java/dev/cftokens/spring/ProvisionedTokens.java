package dev.cftokens.spring;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.provision.ProvisioningMode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's tokens as the startup run provisioned them, by declaration id; each is also a bean of
 * type {@code ProvisionedToken<Declaring interface>}. Holds values only inside the tokens, whose {@code
 * toString()} is masked.
 */
public final class ProvisionedTokens {
    private final Map<String, ProvisionedToken<?>> tokens;
    private final List<TokenProvisioner<?>> provisioners;
    private final ProvisioningRun run;

    private final ProvisioningMode mode;

    ProvisionedTokens(
            Collection<ProvisionedToken<?>> tokens,
            List<TokenProvisioner<?>> provisioners,
            ProvisioningRun run,
            ProvisioningMode mode) {
        this.mode = requireNonNull(mode, "mode");
        Map<String, ProvisionedToken<?>> byId = new LinkedHashMap<>();
        tokens.forEach(token -> byId.put(token.declarationId(), token));
        this.tokens = Map.copyOf(byId);
        this.provisioners = List.copyOf(provisioners);
        this.run = requireNonNull(run, "run");
    }

    /** The token of the declaration {@code id}. */
    public ProvisionedToken<?> token(String id) {
        ProvisionedToken<?> token = tokens.get(id);
        if (token == null) {
            throw new IllegalArgumentException(
                    "no token was provisioned for \"" + id + "\"; provisioned: " + String.join(", ", tokens.keySet()));
        }
        return token;
    }

    /** Every token, in declaration id order. */
    public List<ProvisionedToken<?>> all() {
        return tokens.values().stream()
                .sorted(java.util.Comparator.comparing(ProvisionedToken::declarationId))
                .toList();
    }

    /** The provisioners the run provisioned, with their input values (ids, never secrets). */
    public List<TokenProvisioner<?>> provisioners() {
        return provisioners;
    }

    /** What the startup run printed. */
    public ProvisioningRun run() {
        return run;
    }

    @Override
    public String toString() {
        return "ProvisionedTokens" + all();
    }

    /** {@return whether this instance provisioned its tokens or was served them from the shared state} */
    public ProvisioningMode mode() {
        return mode;
    }
}
