package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A live handle's note that it holds a token: renewed at each of its refreshes, lapsed once {@code until}
 * passes without one. A rotated token's previous generation is not deleted while a holding of it is live.
 *
 * @param declarationId the declaration whose token is held
 * @param holder who holds it: one live handle of one process, such as {@code 4711@web-7#2 (3f9a0c1e)}
 * @param tokenId Cloudflare's id of the token held
 * @param until when the holding lapses unless its holder refreshes again
 */
public record Holding(String declarationId, String holder, String tokenId, Instant until) {
    /**
     * Checks the components.
     *
     * @param declarationId the declaration whose token is held
     * @param holder who holds it
     * @param tokenId the token held
     * @param until when the holding lapses
     * @throws NullPointerException when a component is null
     */
    public Holding {
        requireNonNull(declarationId, "declarationId");
        requireNonNull(holder, "holder");
        requireNonNull(tokenId, "tokenId");
        until = requireNonNull(until, "until").truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * {@return whether the holding still counts at {@code now}}
     *
     * @param now the time to judge by
     */
    public boolean liveAt(Instant now) {
        return until.isAfter(now);
    }
}
