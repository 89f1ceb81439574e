package dev.cftokens.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.model.TokenStatus;
import org.junit.jupiter.api.Test;

class ProvisionedTokenTest {
    interface BucketToken {}

    private static final String VALUE = "r2TokenValue-0123456789abcdefghijklmnopqrs";

    private final ProvisionedToken<BucketToken> token = new ProvisionedToken<>(
            BucketToken.class,
            "bucket-token",
            "ed17574386854bf78a67040be0a770b0",
            "Bucket",
            TokenStatus.ACTIVE,
            Secret.of(VALUE));

    @Test
    void s3CredentialsAreTheIdAndTheHexSha256OfTheValue() {
        S3Credentials credentials = token.s3Credentials();
        assertThat(credentials.accessKeyId()).isEqualTo("ed17574386854bf78a67040be0a770b0");
        // printf %s r2TokenValue-0123456789abcdefghijklmnopqrs | sha256sum
        assertThat(credentials.secretAccessKey().reveal())
                .isEqualTo("427a713f7e27fe8319a1745ce2be428847e61233db4f8d410d11d3b91906b810");
        assertThat(credentials.toString())
                .contains("ed17574386854bf78a67040be0a770b0")
                .doesNotContain(VALUE)
                .doesNotContain(credentials.secretAccessKey().reveal());
    }

    @Test
    void toStringMasksTheValue() {
        assertThat(token.toString())
                .contains("bucket-token", "ed17574386854bf78a67040be0a770b0", "active")
                .doesNotContain(VALUE);
    }
}
