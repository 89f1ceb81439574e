package dev.cftokens.emulator.tokens;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.core.rules.Timestamps;
import dev.cftokens.emulator.http.ApiException;
import dev.cftokens.emulator.http.ErrorCodes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The emulator's tokens, in issue order. Keeps only the SHA-256 of each value. Thread-safe: every method
 * holds the store's lock, so a change and its quota check are one step.
 */
public final class TokenStore {
    /** Cloudflare's quotas. */
    public static final int MAX_ACCOUNT_TOKENS = 500;

    /** Cloudflare's quota of user-owned tokens. */
    public static final int MAX_USER_TOKENS = 50;

    private final Clock clock;
    private final Map<String, StoredToken> byId = new LinkedHashMap<>();
    private final Map<String, String> idByHash = new HashMap<>();
    private final Map<TokenOwner, Integer> counts = new EnumMap<>(TokenOwner.class);
    private Runnable onChange = () -> {};

    /**
     * An empty store.
     *
     * @param clock the clock of issued_on, modified_on and expiry
     */
    public TokenStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * Called after every change, outside the store's lock (the state file writes itself there).
     *
     * @param listener runs after each change
     */
    public synchronized void onChange(Runnable listener) {
        this.onChange = listener;
    }

    /**
     * A created token and its value, which exists only in this answer.
     *
     * @param token the token as stored
     * @param value its value, never stored
     */
    public record Created(StoredToken token, String value) {
        @Override
        public String toString() {
            return "Created{" + token + "}";
        }
    }

    /**
     * Creates a token with a new value.
     *
     * @param owner the owner
     * @param body the token's name, policies, condition and validity, already checked
     * @return the token and its value
     * @throws ApiException when the owner's quota is full
     */
    public Created create(TokenOwner owner, TokenBody body) {
        String value = TokenValues.newValue();
        Created created = createLocked(owner, body, value);
        changed();
        return created;
    }

    private synchronized Created createLocked(TokenOwner owner, TokenBody body, String value) {
        int limit = owner == TokenOwner.ACCOUNT ? MAX_ACCOUNT_TOKENS : MAX_USER_TOKENS;
        int count = counts.getOrDefault(owner, 0);
        if (count >= limit) {
            throw ApiException.validation("this " + (owner == TokenOwner.ACCOUNT ? "account" : "user") + " already has "
                    + count + " " + owner.name().toLowerCase(Locale.ROOT)
                    + "-owned tokens, the most Cloudflare allows ("
                    + limit + "); delete one first");
        }
        Instant now = now();
        List<StoredPolicy> policies = new ArrayList<>();
        for (TokenBody.PolicyBody policy : body.policies()) {
            policies.add(new StoredPolicy(TokenValues.newId(), policy.effect(), policy.groups(), policy.resources()));
        }
        StoredToken token = new StoredToken(
                TokenValues.newId(),
                owner,
                body.name(),
                TokenStatus.ACTIVE,
                now,
                now,
                null,
                body.notBefore(),
                body.expiresOn(),
                policies,
                body.condition(),
                TokenValues.hash(value));
        put(token);
        return new Created(token, value);
    }

    /**
     * {@return the token of this owner with this id, if there is one}
     *
     * @param owner the owner
     * @param id the token's id
     */
    public synchronized Optional<StoredToken> get(TokenOwner owner, String id) {
        StoredToken token = byId.get(id);
        return token != null && token.owner() == owner ? Optional.of(token) : Optional.empty();
    }

    /**
     * {@return every token of this owner, oldest first}
     *
     * @param owner the owner
     */
    public synchronized List<StoredToken> list(TokenOwner owner) {
        return byId.values().stream().filter(t -> t.owner() == owner).collect(Collectors.toList());
    }

    /** {@return every token, oldest first} */
    public synchronized List<StoredToken> all() {
        return List.copyOf(byId.values());
    }

    /**
     * Replaces a token's name, policies, condition and validity (and status, when the body has one); the value stays.
     *
     * @param owner the owner
     * @param id the token's id
     * @param body the new contents, already checked
     * @return the token as updated
     * @throws ApiException when there is no such token
     */
    public StoredToken update(TokenOwner owner, String id, TokenBody body) {
        StoredToken updated = updateLocked(owner, id, body);
        changed();
        return updated;
    }

    private synchronized StoredToken updateLocked(TokenOwner owner, String id, TokenBody body) {
        StoredToken current = requireUnexpired(owner, id, "updated");
        Set<String> existingPolicyIds =
                current.policies().stream().map(StoredPolicy::id).collect(Collectors.toSet());
        List<StoredPolicy> policies = new ArrayList<>();
        for (int i = 0; i < body.policies().size(); i++) {
            TokenBody.PolicyBody policy = body.policies().get(i);
            String policyId = policy.id();
            if (policyId != null && !existingPolicyIds.contains(policyId)) {
                throw ApiException.validation("policies[" + i + "].id \"" + policyId + "\" is not a policy of token "
                        + id + "; leave id out to add a new policy");
            }
            policies.add(new StoredPolicy(
                    policyId != null ? policyId : TokenValues.newId(),
                    policy.effect(),
                    policy.groups(),
                    policy.resources()));
        }
        TokenStatus status = body.status() != null ? body.status() : current.status();
        StoredToken updated = new StoredToken(
                id,
                owner,
                body.name(),
                status,
                current.issuedOn(),
                now(),
                current.lastUsedOn(),
                body.notBefore(),
                body.expiresOn(),
                policies,
                body.condition(),
                current.valueHash());
        byId.put(id, updated);
        return updated;
    }

    /**
     * Deletes a token; its value stops working at once.
     *
     * @param owner the owner
     * @param id the token's id
     * @return the deleted token
     * @throws ApiException when there is no such token
     */
    public StoredToken delete(TokenOwner owner, String id) {
        StoredToken token;
        synchronized (this) {
            token = require(owner, id);
            byId.remove(id);
            idByHash.remove(token.valueHash());
            counts.merge(owner, -1, Integer::sum);
        }
        changed();
        return token;
    }

    /**
     * Gives the token a new value; the old one stops working at once.
     *
     * @param owner the owner
     * @param id the token's id
     * @return the new value, which exists only in this answer
     * @throws ApiException when there is no such token
     */
    public String roll(TokenOwner owner, String id) {
        String value = TokenValues.newValue();
        synchronized (this) {
            StoredToken token = requireUnexpired(owner, id, "rolled");
            idByHash.remove(token.valueHash());
            put(token.withValueHash(TokenValues.hash(value), now()));
        }
        changed();
        return value;
    }

    /**
     * {@return the token whose current value has this SHA-256, if any}
     *
     * @param hash the hex SHA-256 of a value
     */
    public synchronized Optional<StoredToken> findByValueHash(String hash) {
        String id = idByHash.get(hash);
        return id == null ? Optional.empty() : Optional.of(byId.get(id));
    }

    /**
     * Records {@code last_used_on}; not a change worth persisting on its own.
     *
     * @param id the token's id; an unknown id is ignored
     */
    public synchronized void markUsed(String id) {
        StoredToken token = byId.get(id);
        if (token != null) {
            byId.put(id, token.usedAt(now()));
        }
    }

    /**
     * Replaces everything with tokens read back from a state file.
     *
     * @param tokens the tokens, in issue order
     */
    public synchronized void restore(List<StoredToken> tokens) {
        byId.clear();
        idByHash.clear();
        counts.clear();
        tokens.forEach(this::put);
    }

    /** {@return the clock's time in whole seconds, as Cloudflare's timestamps are} */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private StoredToken require(TokenOwner owner, String id) {
        return get(owner, id).orElseThrow(() -> unknownToken(id));
    }

    /**
     * A token past its {@code expires_on} stays listed (with {@code include_expired}) and can be deleted, but
     * neither rolled nor updated: whether Cloudflare revives an expired token is not documented, so the
     * emulator takes the strictest reading and refuses, as a client must never rely on it.
     */
    private StoredToken requireUnexpired(TokenOwner owner, String id, String action) {
        StoredToken token = require(owner, id);
        if (token.statusAt(now()) == TokenStatus.EXPIRED) {
            throw ApiException.validation("token " + id + " expired at " + Timestamps.format(token.expiresOn())
                    + " and cannot be " + action + "; an expired token stays expired. Create a successor and"
                    + " delete this one");
        }
        return token;
    }

    /**
     * What Cloudflare answers for a token id that is not there (never created, or deleted): 404, which the
     * official SDKs turn into a not-found error and Terraform's provider reads as "deleted outside".
     *
     * @param id the id asked for
     * @return the 404 to throw
     */
    public static ApiException unknownToken(String id) {
        return new ApiException(
                404,
                ErrorCodes.NO_ROUTE,
                "Could not route to token " + id + ", perhaps your object identifier is invalid? (no such token: "
                        + "never created, or deleted; list the tokens to see their ids)");
    }

    private void put(StoredToken token) {
        if (byId.put(token.id(), token) == null) {
            counts.merge(token.owner(), 1, Integer::sum);
        }
        idByHash.put(token.valueHash(), token.id());
    }

    private void changed() {
        Runnable listener;
        synchronized (this) {
            listener = onChange;
        }
        listener.run();
    }
}
