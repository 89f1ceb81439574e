package dev.cftokens.runtime.internal.provision;

import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.provision.AppliedChange;
import dev.cftokens.runtime.provision.ChangeKind;
import dev.cftokens.runtime.provision.DesiredToken;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.StateStores;
import dev.cftokens.runtime.state.TokenRecord;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token values a run hands back to its caller: from a create's answer, from the state, or by rolling
 * the token when neither has it. Rolls and adoptions of unrecorded tokens are reported as warnings: they
 * break any other holder of a value, and an operator must be able to see why.
 */
final class TokenValues {
    private static final String KEY_SETTINGS = StateKey.KEY_VARIABLE + " or " + StateKey.PASSPHRASE_VARIABLE;

    private final Cloudflare cloudflare;
    private final StateSession state;
    private final ProvisioningOutput output;
    private final Set<String> needed;
    private final Map<String, Secret> handedBack = new ConcurrentHashMap<>();

    TokenValues(Cloudflare cloudflare, StateSession state, ProvisioningOutput output, Set<String> needed) {
        this.cloudflare = cloudflare;
        this.state = state;
        this.output = output;
        this.needed = needed;
    }

    Map<String, Secret> handedBack() {
        return Map.copyOf(handedBack);
    }

    /** Keeps a created token's value when the caller needs it. */
    void handBackCreated(String declarationId, Secret value) {
        if (needed.contains(declarationId)) {
            handedBack.put(declarationId, value);
        }
    }

    /** Hands back the value when the caller needs it: from the state, or by rolling the token. */
    AppliedChange deliver(ChangeKind kind, DesiredToken desired, TokenRecord record) {
        String id = desired.declarationId();
        if (!needed.contains(id)) {
            return new AppliedChange(kind, id, record.tokenId(), false);
        }
        Optional<Secret> stored = state.value(id);
        if (stored.isPresent()) {
            handedBack.put(id, stored.get());
            return new AppliedChange(kind, id, record.tokenId(), false);
        }
        Secret value = cloudflare.tokens(desired.owner()).roll(record.tokenId());
        state.put(record, value);
        handedBack.put(id, value);
        // Without a passphrase every restart rolls, which breaks any other holder of the old value.
        output.warning("  " + id + ": rolled token " + record.tokenId() + " to hand its value back, because "
                + (state.storesValues()
                        ? "the state holds no value for it; the previous value no longer works"
                        : "values are kept only when " + KEY_SETTINGS + " is set; the previous value no longer"
                                + " works. Set " + KEY_SETTINGS
                                + " to keep values encrypted in the state and stop rolling at every start."));
        return new AppliedChange(kind, id, record.tokenId(), true);
    }

    /**
     * Logs the adoption of a token no state recorded: a state that does not survive restarts costs a roll
     * at every start (breaking any other holder of the value).
     */
    void warnAdopted(String declarationId, AppliedChange adopted) {
        output.warning("  " + declarationId + ": adopted token " + adopted.tokenId()
                + ", which no state recorded (a fresh container or CI runner?)"
                + (adopted.rolled() ? " and rolled it to hand its value back" : "")
                + ". Keeping the state (" + StateStores.STATE_VARIABLE + ") on persistent storage or in a"
                + " shared database, with " + KEY_SETTINGS + " set, avoids the roll.");
    }
}
