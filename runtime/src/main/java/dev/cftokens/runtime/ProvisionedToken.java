package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenStatus;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A token that exists in Cloudflare and matches its declaration, with its secret value: a live handle. When
 * the state records another token for the declaration (a rotation, or a replace applied elsewhere), the
 * handle moves to it within the refresh interval ({@code CFTOKENS_REFRESH_INTERVAL}, default {@code PT30S}):
 * {@link #id()}, {@link #name()} and {@link #value()} then answer for the new token, and every listener given
 * to {@link #onRotation} is told. Thread-safe.
 *
 * @param <T> the declaring interface, so a {@code ProvisionedToken<ReadonlyToken>} cannot be passed
 *     where a {@code ProvisionedToken<DeployToken>} is expected
 */
public final class ProvisionedToken<T> {
    private static final System.Logger LISTENERS = System.getLogger("dev.cftokens.provisioning");

    private final Class<T> tokenType;
    private final String declarationId;
    private final List<Consumer<? super TokenRotation>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<? super RuntimeException>> failureListeners = new CopyOnWriteArrayList<>();
    private volatile Held held;
    /** Reads the state once and moves the handle, on the caller's thread; null for a handle that follows nothing. */
    private volatile Runnable reread;

    private final Object rereading = new Object();
    /** Reads done for {@link #valueAfterRejection}; written under {@code rereading}. */
    private volatile long rereads;

    private final Object moving = new Object();

    /** The token a handle holds now: swapped whole, so no reader sees one token's id with another's value. */
    private record Held(String id, String name, TokenStatus status, Secret value) {}

    ProvisionedToken(
            Class<T> tokenType, String declarationId, String id, String name, TokenStatus status, Secret value) {
        this.tokenType = requireNonNull(tokenType, "tokenType");
        this.declarationId = requireNonNull(declarationId, "declarationId");
        this.held = new Held(
                requireNonNull(id, "id"),
                requireNonNull(name, "name"),
                requireNonNull(status, "status"),
                requireNonNull(value, "value"));
    }

    /** {@return the declaring interface} */
    public Class<T> tokenType() {
        return tokenType;
    }

    /** {@return the logical id of the declaration, such as {@code readonly-token}} */
    public String declarationId() {
        return declarationId;
    }

    /** {@return Cloudflare's id of the token held now} */
    public String id() {
        return held.id();
    }

    /** {@return the token's name in Cloudflare} */
    public String name() {
        return held.name();
    }

    /** {@return whether the token is active, disabled or expired} */
    public TokenStatus status() {
        return held.status();
    }

    /** {@return the secret value of the token held now; {@code toString()} is masked} */
    public Secret value() {
        return held.value();
    }

    /**
     * The value to retry with after Cloudflare refused {@code rejected} as unauthenticated (a 401, or a 403
     * "Invalid API Token"): when the handle still holds that value, it reads the state once, at once, rather
     * than at its next refresh, so a caller whose token was just revoked ({@code rotate --now
     * --revoke-previous}) or replaced moves on without waiting out the refresh interval. Callers refused
     * together share one read. When the state records nothing newer the same value comes back: the refusal
     * has another cause, which the caller reports.
     *
     * @param rejected the value Cloudflare refused
     * @return the value the handle holds now, after at most one read of the state
     * @throws dev.cftokens.runtime.state.StateException when the state cannot be read; the handle keeps its
     *     token
     */
    public Secret valueAfterRejection(Secret rejected) {
        requireNonNull(rejected, "rejected");
        Runnable read = reread;
        if (read == null || !held.value().equals(rejected)) {
            return held.value();
        }
        long before = rereads;
        synchronized (rereading) {
            // A read that finished while this caller waited counts for it too, whatever it found.
            if (rereads == before && held.value().equals(rejected)) {
                try {
                    read.run();
                } finally {
                    rereads++;
                }
            }
        }
        return held.value();
    }

    /** Lets {@link #valueAfterRejection} read the state: set once the handle follows it. */
    void rereadWith(Runnable read) {
        this.reread = requireNonNull(read, "read");
    }

    /**
     * Tells {@code listener} each time this handle moves to another token, after {@link #value()} already
     * returns the new value; called on a cftokens refresh thread (or on the thread of a caller of {@link
     * #valueAfterRejection} whose read found the move), never while the state is locked, so it should
     * return quickly.
     *
     * @param listener what to tell, such as rebuilding a client that holds the value
     * @return this handle
     */
    public ProvisionedToken<T> onRotation(Consumer<? super TokenRotation> listener) {
        listeners.add(requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Tells {@code listener} each time a refresh fails: the state could not be read, or the rotation this
     * process runs for the token failed. The handle keeps the token it holds; the next refresh tries again.
     * Called on a cftokens refresh thread, with a message that never holds a secret.
     *
     * @param listener what to tell, such as a meter counting failures
     * @return this handle
     */
    public ProvisionedToken<T> onRefreshFailure(Consumer<? super RuntimeException> listener) {
        failureListeners.add(requireNonNull(listener, "listener"));
        return this;
    }

    /** Tells the failure listeners. */
    void refreshFailed(RuntimeException failure) {
        for (Consumer<? super RuntimeException> listener : failureListeners) {
            tell(listener, failure);
        }
    }

    /**
     * Moves the handle to the token the state now records, and tells the listeners; nothing happens when it
     * holds that token already (a refresh and a re-read after a rejection that both found it).
     */
    void moveTo(String tokenId, String tokenName, Secret tokenValue) {
        TokenRotation rotation;
        synchronized (moving) {
            Held previous = held;
            if (previous.id().equals(tokenId)) {
                return;
            }
            held = new Held(tokenId, tokenName, TokenStatus.ACTIVE, tokenValue);
            rotation = new TokenRotation(declarationId, previous.id(), tokenId);
        }
        for (Consumer<? super TokenRotation> listener : listeners) {
            tell(listener, rotation);
        }
    }

    /** One listener's failure keeps none of the others from being told, nor the handle from refreshing. */
    private <E> void tell(Consumer<? super E> listener, E event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LISTENERS.log(
                    System.Logger.Level.WARNING,
                    declarationId + ": a listener of the token handle failed (" + e + "); the others were told");
        }
    }

    /** {@return R2's S3 credentials for this token: the token id and the hex SHA-256 of its value} */
    public S3Credentials s3Credentials() {
        Held now = held;
        byte[] bytes = now.value().revealBytes();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new S3Credentials(now.id(), Secret.of(HexFormat.of().formatHex(digest)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public String toString() {
        Held now = held;
        return "ProvisionedToken{" + declarationId + ", id=" + now.id() + ", name=" + now.name() + ", status="
                + now.status().wireName() + ", value=" + now.value() + "}";
    }
}
