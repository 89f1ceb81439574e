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
 * @param id the token's id
 * @param owner whether it lives under the account or the user
 * @param name the token's name
 * @param status its stored status; {@link #statusAt} adds expiry
 * @param issuedOn when it was created
 * @param modifiedOn when it last changed
 * @param lastUsedOn null until the token authenticates a request
 * @param notBefore null for none
 * @param expiresOn null for never
 * @param policies its policies, in order
 * @param condition its request IP condition, or null for none
 * @param valueHash the hex SHA-256 of its current value
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
    /**
     * Copies the policies and reads a null condition as none.
     *
     * @param id the token's id
     * @param owner whether it lives under the account or the user
     * @param name the token's name
     * @param status its stored status; {@link #statusAt} adds expiry
     * @param issuedOn when it was created
     * @param modifiedOn when it last changed
     * @param lastUsedOn null until the token authenticates a request
     * @param notBefore null for none
     * @param expiresOn null for never
     * @param policies its policies, in order
     * @param condition its request IP condition, or null for none
     * @param valueHash the hex SHA-256 of its current value
     * @throws NullPointerException when a required part is null
     */
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

    /**
     * {@return the status the API shows at {@code now}: an active token past {@code expires_on} is expired}
     *
     * @param now the time asked about
     */
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

    /** Leaves out the hash as well as the value. */
    @Override
    public String toString() {
        // The hash is left out too: it is what a stolen value would be checked against.
        return "StoredToken{" + id + ", " + owner + ", \"" + name + "\", " + status + "}";
    }
}
