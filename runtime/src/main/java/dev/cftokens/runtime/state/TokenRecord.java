package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenOwner;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the state remembers of one provisioned token, by the logical id of its declaration: its current
 * generation and, for a token that rotated, the previous generation until it is deleted.
 *
 * @param declarationId the logical id, such as {@code readonly-token}
 * @param tokenId Cloudflare's id of the current generation's token
 * @param owner whether the token lives under the account or the user
 * @param accountId the account the token was provisioned for, or null when none was known
 * @param name the token's name when it was last written
 * @param specHash {@link dev.cftokens.runtime.provision.DesiredToken#hashOf the hash} of the spec last written, so a later run can tell a changed
 *     declaration from a token changed outside cftokens
 * @param issuedAt when the current generation was issued, or null when it is not known (a record written
 *     before generations were recorded)
 * @param previous the generation the last rotation replaced, or null when there is none left
 * @param inputs the declaration's input values the token was written with (not secrets: zone ids and the
 *     like), so a service that only reads its tokens need not be given them; empty for none
 * @param generation the current generation's number: 1 for the declaration's first token, one more for
 *     each token that took its place (a rotation's successor, a token created again); 1 for a record
 *     written before generations were counted
 */
public record TokenRecord(
        String declarationId,
        String tokenId,
        TokenOwner owner,
        String accountId,
        String name,
        String specHash,
        Instant issuedAt,
        PreviousGeneration previous,
        Map<String, String> inputs,
        long generation) {
    /**
     * Checks the components.
     *
     * @param declarationId the logical id, such as {@code readonly-token}
     * @param tokenId Cloudflare's id of the current generation's token
     * @param owner whether the token lives under the account or the user
     * @param accountId the account the token was provisioned for, or null when none was known
     * @param name the token's name when it was last written
     * @param specHash {@link dev.cftokens.runtime.provision.DesiredToken#hashOf the hash} of the spec last written
     * @param issuedAt when the current generation was issued, or null when not known
     * @param previous the generation the last rotation replaced, or null
     * @param inputs the input values it was written with; null for none
     * @param generation the current generation's number, at least 1
     * @throws NullPointerException when any but {@code accountId}, {@code issuedAt} and {@code previous} is
     *     null
     * @throws IllegalArgumentException when {@code generation} is below 1
     */
    public TokenRecord {
        requireNonNull(declarationId, "declarationId");
        requireNonNull(tokenId, "tokenId");
        requireNonNull(owner, "owner");
        requireNonNull(name, "name");
        requireNonNull(specHash, "specHash");
        // Kept to the second, as Cloudflare's timestamps and the state file's are, so a record read back
        // equals the one written.
        issuedAt = issuedAt == null ? null : issuedAt.truncatedTo(ChronoUnit.SECONDS);
        inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(inputs));
        if (generation < 1) {
            throw new IllegalArgumentException(
                    "the generation of " + declarationId + "'s token must be at least 1, not " + generation);
        }
    }

    /**
     * A record of the first generation.
     *
     * @param declarationId the logical id, such as {@code readonly-token}
     * @param tokenId Cloudflare's id of the current generation's token
     * @param owner whether the token lives under the account or the user
     * @param accountId the account the token was provisioned for, or null when none was known
     * @param name the token's name when it was last written
     * @param specHash {@link dev.cftokens.runtime.provision.DesiredToken#hashOf the hash} of the spec last written
     * @param issuedAt when the current generation was issued, or null when not known
     * @param previous the generation the last rotation replaced, or null
     * @param inputs the input values it was written with; null for none
     */
    public TokenRecord(
            String declarationId,
            String tokenId,
            TokenOwner owner,
            String accountId,
            String name,
            String specHash,
            Instant issuedAt,
            PreviousGeneration previous,
            Map<String, String> inputs) {
        this(declarationId, tokenId, owner, accountId, name, specHash, issuedAt, previous, inputs, 1);
    }

    /**
     * A record with no generation history: issue time unknown, no previous generation.
     *
     * @param declarationId the logical id, such as {@code readonly-token}
     * @param tokenId Cloudflare's id of the token
     * @param owner whether the token lives under the account or the user
     * @param accountId the account the token was provisioned for, or null when none was known
     * @param name the token's name when it was last written
     * @param specHash {@link dev.cftokens.runtime.provision.DesiredToken#hashOf the hash} of the spec last written
     */
    public TokenRecord(
            String declarationId, String tokenId, TokenOwner owner, String accountId, String name, String specHash) {
        this(declarationId, tokenId, owner, accountId, name, specHash, null, null, Map.of());
    }

    /**
     * {@return this record with the input values it was written with}
     *
     * @param values the declaration's input values, by input name
     */
    public TokenRecord withInputs(Map<String, String> values) {
        return new TokenRecord(
                declarationId, tokenId, owner, accountId, name, specHash, issuedAt, previous, values, generation);
    }

    /** {@return the previous generation, if one is left} */
    public Optional<PreviousGeneration> previousGeneration() {
        return Optional.ofNullable(previous);
    }

    /**
     * {@return this record with the current generation issued at {@code issued}}
     *
     * @param issued when the current generation was issued, or null when not known
     */
    public TokenRecord withIssuedAt(Instant issued) {
        return new TokenRecord(
                declarationId, tokenId, owner, accountId, name, specHash, issued, previous, inputs, generation);
    }

    /**
     * {@return this record with {@code generation} as its previous generation}
     *
     * @param generation the previous generation, or null for none
     */
    public TokenRecord withPrevious(PreviousGeneration generation) {
        return new TokenRecord(
                declarationId,
                tokenId,
                owner,
                accountId,
                name,
                specHash,
                issuedAt,
                generation,
                inputs,
                this.generation);
    }

    /**
     * {@return this record with the current generation numbered {@code number}}
     *
     * @param number the generation's number, at least 1
     */
    public TokenRecord withGeneration(long number) {
        return new TokenRecord(
                declarationId, tokenId, owner, accountId, name, specHash, issuedAt, previous, inputs, number);
    }

    /**
     * {@return the number a record of {@code nextTokenId} for this declaration has: this one's when it is
     * the same token, the next one when another token takes its place}
     *
     * @param nextTokenId the token the next record is of
     */
    public long generationOf(String nextTokenId) {
        return tokenId.equals(nextTokenId) ? generation : generation + 1;
    }
}
