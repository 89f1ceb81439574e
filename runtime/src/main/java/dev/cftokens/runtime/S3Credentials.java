package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

/**
 * R2's S3-compatible credentials derived from a token: the access key id is the token id, the secret
 * access key is the hex SHA-256 of the token value.
 */
public record S3Credentials(String accessKeyId, Secret secretAccessKey) {
    public S3Credentials {
        requireNonNull(accessKeyId, "accessKeyId");
        requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
        return "S3Credentials{accessKeyId=" + accessKeyId + ", secretAccessKey=" + secretAccessKey + "}";
    }
}
