package dev.cftokens.emulator.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.model.ResourceGrant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionsTest {
    private static final String ACCOUNT = "com.cloudflare.api.account.0123456789abcdef0123456789abcdef";

    @Test
    void aGrantCoversItsOwnKeyAndWildcardsOverIt() {
        assertThat(Permissions.covers(ResourceGrant.all(ACCOUNT), ACCOUNT)).isTrue();
        assertThat(Permissions.covers(ResourceGrant.all("com.cloudflare.api.account.*"), ACCOUNT))
                .isTrue();
        assertThat(Permissions.covers(
                        ResourceGrant.all("com.cloudflare.api.account.*"),
                        "com.cloudflare.api.account.zone.0123456789abcdef0123456789abcdef"))
                .as("a zone is not an account")
                .isFalse();
        assertThat(Permissions.covers(
                        ResourceGrant.all("com.cloudflare.api.account.fedcba9876543210fedcba9876543210"), ACCOUNT))
                .isFalse();
    }

    @Test
    void aGrantWithNestedKeysGivesOnlyThoseNotTheAccount() {
        assertThat(Permissions.covers(new ResourceGrant(ACCOUNT, Set.of("com.cloudflare.api.account.zone.*")), ACCOUNT))
                .isFalse();
    }
}
