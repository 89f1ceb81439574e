package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

/**
 * R2's S3-compatible credentials derived from a token: the access key id is the token id, the secret
 * access key is the hex SHA-256 of the token value.
 *
 * @param accessKeyId the token id, used as the S3 access key id
 * @param secretAccessKey the hex SHA-256 of the token value
 */
public record S3Credentials(String accessKeyId, Secret secretAccessKey) {
    /**
     * Checks the components.
     *
     * @param accessKeyId the token id, used as the S3 access key id
     * @param secretAccessKey the hex SHA-256 of the token value
     * @throws NullPointerException when either is null
     */
    public S3Credentials {
        requireNonNull(accessKeyId, "accessKeyId");
        requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** Shows the access key id and a masked secret. */
    @Override
    public String toString() {
        return "S3Credentials{accessKeyId=" + accessKeyId + ", secretAccessKey=" + secretAccessKey + "}";
    }
}
