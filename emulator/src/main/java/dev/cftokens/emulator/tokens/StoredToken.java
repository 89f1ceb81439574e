package dev.cftokens.emulator.tokens;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenStatus;
import java.time.Instant;
import java.util.List;

/**
 * A token as the emulator keeps it: everything the API shows plus the SHA-256 of its current value, never
 * the value itself. Immutable; the store replaces it on every change.
 *
 * @param lastUsedOn null until the token authenticates a request
 * @param notBefore null for none
 * @param expiresOn null for never
 */
public record StoredToken(
        String id,
        TokenOwner owner,
        String name,
        TokenStatus status,
        Instant issuedOn,
        Instant modifiedOn,
        Instant lastUsedOn,
        Instant notBefore,
        Instant expiresOn,
        List<StoredPolicy> policies,
        RequestIpCondition condition,
        String valueHash) {
    public StoredToken {
        requireNonNull(id, "id");
        requireNonNull(owner, "owner");
        requireNonNull(name, "name");
        requireNonNull(status, "status");
        requireNonNull(issuedOn, "issuedOn");
        requireNonNull(modifiedOn, "modifiedOn");
        policies = List.copyOf(policies);
        condition = condition == null ? RequestIpCondition.NONE : condition;
        requireNonNull(valueHash, "valueHash");
    }

    /** The status the API shows at {@code now}: an active token past {@code expires_on} is expired. */
    public TokenStatus statusAt(Instant now) {
        if (status == TokenStatus.ACTIVE && expiresOn != null && !now.isBefore(expiresOn)) {
            return TokenStatus.EXPIRED;
        }
        return status;
    }

    StoredToken withValueHash(String hash, Instant now) {
        return new StoredToken(
                id, owner, name, status, issuedOn, now, lastUsedOn, notBefore, expiresOn, policies, condition, hash);
    }

    StoredToken usedAt(Instant now) {
        return new StoredToken(
                id,
                owner,
                name,
                status,
                issuedOn,
                modifiedOn,
                now,
                notBefore,
                expiresOn,
                policies,
                condition,
                valueHash);
    }

    @Override
    public String toString() {
        // The hash is left out too: it is what a stolen value would be checked against.
        return "StoredToken{" + id + ", " + owner + ", \"" + name + "\", " + status + "}";
    }
}
