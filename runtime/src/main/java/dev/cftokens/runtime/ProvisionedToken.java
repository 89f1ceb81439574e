package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenStatus;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A token that exists in Cloudflare and matches its declaration, with its secret value.
 *
 * @param <T> the declaring interface, so a {@code ProvisionedToken<ReadonlyToken>} cannot be passed
 *     where a {@code ProvisionedToken<DeployToken>} is expected
 */
public final class ProvisionedToken<T> {
    private final Class<T> tokenType;
    private final String declarationId;
    private final String id;
    private final String name;
    private final TokenStatus status;
    private final Secret value;

    ProvisionedToken(
            Class<T> tokenType, String declarationId, String id, String name, TokenStatus status, Secret value) {
        this.tokenType = requireNonNull(tokenType, "tokenType");
        this.declarationId = requireNonNull(declarationId, "declarationId");
        this.id = requireNonNull(id, "id");
        this.name = requireNonNull(name, "name");
        this.status = requireNonNull(status, "status");
        this.value = requireNonNull(value, "value");
    }

    /** {@return the declaring interface} */
    public Class<T> tokenType() {
        return tokenType;
    }

    /** {@return the logical id of the declaration, such as {@code readonly-token}} */
    public String declarationId() {
        return declarationId;
    }

    /** {@return Cloudflare's id of the token} */
    public String id() {
        return id;
    }

    /** {@return the token's name in Cloudflare} */
    public String name() {
        return name;
    }

    /** {@return whether the token is active, disabled or expired} */
    public TokenStatus status() {
        return status;
    }

    /** {@return the token's secret value; {@code toString()} is masked} */
    public Secret value() {
        return value;
    }

    /** {@return R2's S3 credentials for this token: the token id and the hex SHA-256 of its value} */
    public S3Credentials s3Credentials() {
        byte[] bytes = value.revealBytes();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new S3Credentials(id, Secret.of(HexFormat.of().formatHex(digest)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "ProvisionedToken{" + declarationId + ", id=" + id + ", name=" + name + ", status=" + status.wireName()
                + ", value=" + value + "}";
    }
}
