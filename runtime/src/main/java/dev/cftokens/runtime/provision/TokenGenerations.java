package dev.cftokens.runtime.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.core.rules.Timestamps;
import dev.cftokens.runtime.internal.provision.Generations;
import dev.cftokens.runtime.state.Holding;
import dev.cftokens.runtime.state.PreviousGeneration;
import dev.cftokens.runtime.state.TokenRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One declaration's generations as the state records them, for {@code cftokens-cli status}: the current
 * token, when it was issued, when it expires and rotates next (when its declaration is known), and the
 * previous generation until it is deleted.
 *
 * @param record the declaration's record
 * @param rotation the declaration's rotation; empty when it does not rotate or its declaration was not loaded
 * @param declared whether the declaration was among those loaded
 * @param holders the live handles' holdings of the declaration's tokens, as the state notes them
 */
public record TokenGenerations(
        TokenRecord record, Optional<RotationPolicy> rotation, boolean declared, List<Holding> holders) {
    /**
     * Checks the components.
     *
     * @param record the declaration's record
     * @param rotation the declaration's rotation, or empty
     * @param declared whether the declaration was loaded
     * @param holders the live holdings of its tokens
     * @throws NullPointerException when a component is null
     */
    public TokenGenerations {
        requireNonNull(record, "record");
        requireNonNull(rotation, "rotation");
        holders = List.copyOf(holders);
    }

    /**
     * {@return the live holders of {@code tokenId}, by name}
     *
     * @param tokenId a token of the declaration
     */
    public List<String> holdersOf(String tokenId) {
        return Generations.holdersOf(holders, tokenId);
    }

    /** {@return when the current generation rotates next, when it rotates and its issue time is known} */
    public Optional<Instant> nextRotation() {
        return rotation.flatMap(policy -> issued().map(policy::dueAt));
    }

    /** {@return when the current generation expires by itself, when it rotates and its issue time is known} */
    public Optional<Instant> expiresOn() {
        return rotation.flatMap(policy -> issued().map(policy::expiresOn));
    }

    private Optional<Instant> issued() {
        return Optional.ofNullable(record.issuedAt());
    }

    /**
     * {@return the line {@code status} prints, such as {@code deploy-token: generation 3, current 4f3a.. issued
     * 2026-12-07T10:00:00Z, expires 2027-02-07T10:00:00Z, next rotation 2027-01-06T10:00:00Z; previous 9b2c..
     * valid until 2026-12-09T10:00:00Z}}
     *
     * @param now the time that tells a previous generation still valid from one retiring
     */
    public String describe(Instant now) {
        StringBuilder line = new StringBuilder(record.declarationId())
                .append(": generation ")
                .append(record.generation())
                .append(", current ")
                .append(record.tokenId())
                .append(" issued ")
                .append(issued().map(Timestamps::format).orElse("at an unknown time"));
        expiresOn().ifPresent(expires -> line.append(", expires ").append(Timestamps.format(expires)));
        nextRotation().ifPresent(next -> line.append(", next rotation ").append(Timestamps.format(next)));
        if (!declared) {
            line.append(" (not among the declarations found)");
        } else if (rotation.isEmpty()) {
            line.append(" (does not rotate)");
        }
        held(line, record.tokenId());
        PreviousGeneration previous = record.previous();
        if (previous != null) {
            line.append("; previous ").append(previous.tokenId());
            if (previous.revoked()) {
                line.append(" revoked, deleted by the next run");
            } else {
                line.append(
                        previous.retiringAt(now)
                                ? " retiring since " + Timestamps.format(previous.retireAt())
                                        + ", deleted by the next run"
                                : " valid until " + Timestamps.format(previous.retireAt()));
            }
            held(line, previous.tokenId());
        }
        return line.toString();
    }

    /** Appends who holds {@code tokenId}, when anyone does. */
    private void held(StringBuilder line, String tokenId) {
        List<String> names = holdersOf(tokenId);
        if (!names.isEmpty()) {
            line.append(", held by ").append(String.join(", ", names));
        }
    }
}
