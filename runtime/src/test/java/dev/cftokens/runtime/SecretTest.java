package dev.cftokens.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {
    private static final String VALUE = "s3cr3tValue-0123456789abcdefghijklmnopqr";

    @Test
    void toStringIsMaskedAndRevealIsExplicit() {
        Secret secret = Secret.of(VALUE);
        assertThat(secret.toString()).isEqualTo("****").doesNotContain(VALUE);
        assertThat(String.valueOf(secret)).doesNotContain(VALUE);
        assertThat(secret.reveal()).isEqualTo(VALUE);
        assertThat(new String(secret.revealBytes(), StandardCharsets.UTF_8)).isEqualTo(VALUE);
        assertThat(secret.length()).isEqualTo(VALUE.length());
    }

    @Test
    void destroyOverwritesAndForbidsReveal() {
        Secret secret = Secret.of(VALUE);
        secret.destroy();
        assertThat(secret.isDestroyed()).isTrue();
        assertThatThrownBy(secret::reveal)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(VALUE);
        assertThatThrownBy(secret::revealBytes).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void copiesTheCallersCharArray() {
        char[] chars = VALUE.toCharArray();
        Secret secret = Secret.of(chars);
        chars[0] = 'X';
        assertThat(secret.reveal()).isEqualTo(VALUE);
    }

    @Test
    void equalityIsByValueAndHashLeaksNothing() {
        assertThat(Secret.of(VALUE)).isEqualTo(Secret.of(VALUE)).isNotEqualTo(Secret.of(VALUE + "x"));
        assertThat(Secret.of(VALUE).hashCode()).isEqualTo(Secret.of("other").hashCode());
    }

    @Test
    void emptySecretsAreRejected() {
        assertThatThrownBy(() -> Secret.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Secret.of(new char[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
