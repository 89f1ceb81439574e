package dev.cftokens.runtime.internal.provision;

import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.CloudflareException;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.TokenVerification;
import dev.cftokens.runtime.internal.Background;
import dev.cftokens.runtime.provision.DesiredToken;
import dev.cftokens.runtime.provision.ProvisioningException;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.StateStores;
import dev.cftokens.runtime.state.TokenRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A service without the minting credential: each declaration is served the token the shared state records
 * for it, when the declaration is unchanged since it was applied, once the token's own value authenticates
 * (the verify endpoint, never a listing). Nothing is written, and nothing is created when a token cannot be
 * served: the start fails, naming what to apply where.
 */
final class Consumption {
    private final Cloudflare cloudflare;
    private final EngineSettings settings;

    Consumption(Cloudflare cloudflare, EngineSettings settings) {
        this.cloudflare = cloudflare;
        this.settings = settings;
    }

    Map<String, ProvisionedValue> serve(Collection<? extends TokenProvisioner<?>> provisioners) {
        Set<String> ids = new LinkedHashSet<>();
        provisioners.forEach(provisioner -> ids.add(provisioner.declaration().id()));
        settings.output()
                .line("Mode: consume (no minting credential): serving " + String.join(", ", ids) + " from "
                        + settings.stateStore().describe() + ", each confirmed with its own value");
        List<DesiredToken> desired = new ArrayList<>();
        provisioners.forEach(provisioner -> desired.add(DesiredToken.resolve(provisioner, cloudflare::accountId)));
        Map<String, Served> results = serveAll(desired, ids);
        // A rotation may have been recorded between the read and the verify: read once more before failing.
        List<DesiredToken> again = desired.stream()
                .filter(token -> results.get(token.declarationId()).value().isEmpty())
                .collect(Collectors.toList());
        if (!again.isEmpty()) {
            results.putAll(serveAll(again, ids));
        }
        Map<String, ProvisionedValue> served = new LinkedHashMap<>();
        List<String> refusals = new ArrayList<>();
        for (DesiredToken token : desired) {
            Served result = results.get(token.declarationId());
            result.value()
                    .ifPresentOrElse(
                            value -> served.put(token.declarationId(), value),
                            () -> refusals.add(token.declarationId() + ": " + result.why()));
        }
        if (!refusals.isEmpty()) {
            throw new ProvisioningException("cannot serve " + (refusals.size() == 1 ? "a token" : "tokens")
                    + " without the minting credential:\n  " + String.join("\n  ", refusals)
                    + "\nApply the declarations where the minting credential is (cftokens-cli apply, or mvn"
                    + " cftokens:apply, with " + Cloudflare.ENV_API_TOKEN + " set and the same "
                    + StateStores.STATE_VARIABLE + " and " + StateKey.KEY_VARIABLE + "), then start again."
                    + " Nothing was changed.");
        }
        settings.output().line("Served " + served.size() + " from the state.");
        return served;
    }

    /** What one read of the state and one verify gave: the token, or why not. */
    private record Served(Optional<ProvisionedValue> value, String why) {}

    /**
     * One read of the state for every declaration, then each token's verify at once on a thread of its own,
     * outside the state's lock: the round trips overlap, so a start costs about one of them.
     */
    private Map<String, Served> serveAll(List<DesiredToken> desired, Set<String> ids) {
        Map<String, Served> results = new LinkedHashMap<>();
        Map<String, Background<Served>> verifying = new LinkedHashMap<>();
        try (StateSession state = settings.stateStore().openForReading(ids)) {
            for (DesiredToken token : desired) {
                String id = token.declarationId();
                Optional<String> refusal = refusal(state, token);
                if (refusal.isPresent()) {
                    results.put(id, new Served(Optional.empty(), refusal.get()));
                    continue;
                }
                TokenRecord record = state.record(id).orElseThrow();
                Secret value = state.value(id).orElseThrow();
                verifying.put(
                        id,
                        Background.start(
                                "cftokens-verify",
                                () -> confirmed(token, record, value)
                                        .map(why -> new Served(Optional.empty(), why))
                                        .orElseGet(() -> new Served(
                                                Optional.of(new ProvisionedValue(
                                                        record.tokenId(), record.name(), TokenStatus.ACTIVE, value)),
                                                ""))));
            }
        }
        verifying.forEach((id, verify) -> results.put(id, verify.join()));
        return results;
    }

    /** Why the state cannot serve {@code desired} as it stands, if it cannot. */
    private Optional<String> refusal(StateSession state, DesiredToken desired) {
        String id = desired.declarationId();
        Optional<TokenRecord> found = state.record(id);
        if (found.isEmpty()) {
            return Optional.of("the state records no token for it: the declaration was not applied yet");
        }
        TokenRecord record = found.get();
        if (!record.specHash().equals(desired.specHash())) {
            return Optional.of("the declaration changed since it was applied (" + changed(record, desired) + ")");
        }
        if (!state.storesValues()) {
            return Optional.of("the state's values cannot be read: set " + StateKey.KEY_VARIABLE + " (or "
                    + StateKey.PASSPHRASE_VARIABLE + ") to the key it was applied with");
        }
        if (state.value(id).isEmpty()) {
            return Optional.of("the state keeps no value for token " + record.tokenId()
                    + " that this key opens (applied without " + StateKey.KEY_VARIABLE + ", or under another key)");
        }
        return Optional.empty();
    }

    /** What differs between the applied spec and the declaration, as far as the record tells. */
    private static String changed(TokenRecord record, DesiredToken desired) {
        List<String> fields = new ArrayList<>();
        if (!record.name().equals(desired.spec().name())) {
            fields.add("name \"" + record.name() + "\" -> \"" + desired.spec().name() + "\"");
        }
        if (record.owner() != desired.owner()) {
            fields.add("owner " + record.owner().name().toLowerCase(java.util.Locale.ROOT) + " -> "
                    + desired.owner().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (fields.isEmpty()) {
            fields.add("its policies, request-IP condition or dates differ from the spec applied");
        }
        return String.join(", ", fields);
    }

    /** Why the recorded token does not authenticate as itself, if it does not. */
    private Optional<String> confirmed(DesiredToken desired, TokenRecord record, Secret value) {
        TokenVerification verification;
        try {
            verification =
                    cloudflare.authenticatedAs(value).tokens(desired.owner()).verify();
        } catch (CloudflareException e) {
            return Optional.of("its recorded token " + record.tokenId() + " does not authenticate (" + e.getMessage()
                    + "): deleted or expired outside cftokens?");
        }
        if (!verification.id().equals(record.tokenId())) {
            return Optional.of("the value recorded for token " + record.tokenId() + " authenticates as another token, "
                    + verification.id());
        }
        if (verification.status() != TokenStatus.ACTIVE) {
            return Optional.of("its recorded token " + record.tokenId() + " is "
                    + verification.status().wireName());
        }
        return Optional.empty();
    }
}
