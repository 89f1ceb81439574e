package dev.cftokens.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.rules.InvalidValueException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenDeclarationTest {
    private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final PermissionGroupRef ZONE_READ =
            new PermissionGroupRef("c8fed203ed3043cba015a93ad1616f1f", "Zone Read");

    @Test
    void resolvesPlainKeysToStar() {
        TokenDeclaration declaration = declaration(
                new PolicyDeclaration(
                        PolicyEffect.ALLOW, List.of(ZONE_READ), List.of("com.cloudflare.api.account.zone.*"), ""),
                List.of());
        TokenSpec spec = declaration.resolve(ACCOUNT, Map.of());
        assertThat(spec.policies())
                .containsExactly(new PolicySpec(
                        PolicyEffect.ALLOW,
                        Set.of(ZONE_READ.id()),
                        Set.of(ResourceGrant.all("com.cloudflare.api.account.zone.*"))));
    }

    @Test
    void bareAccountKeyAndAccountPlaceholderMeanTheProvisionedAccount() {
        TokenDeclaration declaration = declaration(
                new PolicyDeclaration(
                        PolicyEffect.ALLOW,
                        List.of(ZONE_READ),
                        List.of("com.cloudflare.api.account.zone.*"),
                        "com.cloudflare.api.account"),
                List.of());
        TokenSpec spec = declaration.resolve(ACCOUNT, Map.of());
        assertThat(spec.policies().iterator().next().resources())
                .containsExactly(new ResourceGrant(
                        "com.cloudflare.api.account." + ACCOUNT, Set.of("com.cloudflare.api.account.zone.*")));

        TokenDeclaration placeholder = declaration(
                new PolicyDeclaration(
                        PolicyEffect.DENY, List.of(ZONE_READ), List.of("com.cloudflare.api.account.{account}"), ""),
                List.of());
        assertThat(placeholder
                        .resolve(ACCOUNT, Map.of())
                        .policies()
                        .iterator()
                        .next()
                        .resources())
                .containsExactly(ResourceGrant.all("com.cloudflare.api.account." + ACCOUNT));
    }

    @Test
    void inputsFillTheirPlaceholders() {
        TokenDeclaration declaration = declaration(
                new PolicyDeclaration(
                        PolicyEffect.ALLOW,
                        List.of(ZONE_READ),
                        List.of("com.cloudflare.api.account.zone.{zoneId}"),
                        ""),
                List.of("zoneId"));
        TokenSpec spec = declaration.resolve(ACCOUNT, Map.of("zoneId", "0123456789abcdef0123456789abcdef"));
        assertThat(spec.policies().iterator().next().resources())
                .containsExactly(ResourceGrant.all("com.cloudflare.api.account.zone.0123456789abcdef0123456789abcdef"));
    }

    @Test
    void missingInputIsNamed() {
        TokenDeclaration declaration = declaration(
                new PolicyDeclaration(
                        PolicyEffect.ALLOW,
                        List.of(ZONE_READ),
                        List.of("com.cloudflare.api.account.zone.{zoneId}"),
                        ""),
                List.of("zoneId"));
        assertThatThrownBy(() -> declaration.resolve(ACCOUNT, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token test-token needs a value for its input zoneId()");
    }

    @Test
    void accountKeyWithoutAccountSaysWhatToSet() {
        TokenDeclaration declaration = declaration(
                new PolicyDeclaration(
                        PolicyEffect.ALLOW, List.of(ZONE_READ), List.of("com.cloudflare.api.account"), ""),
                List.of());
        assertThatThrownBy(() -> declaration.resolve(null, Map.of())).hasMessageContaining("CLOUDFLARE_ACCOUNT_ID");
    }

    @Test
    void inputThatWidensAKeyToAWildcardIsRefused() {
        TokenDeclaration declaration = declaration(
                new PolicyDeclaration(
                        PolicyEffect.ALLOW,
                        List.of(ZONE_READ),
                        List.of("com.cloudflare.api.account.zone.{zoneId}"),
                        ""),
                List.of("zoneId"));
        assertThatThrownBy(() -> declaration.resolve(ACCOUNT, Map.of("zoneId", "*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "token test-token: with input zoneId() = \"*\", resource key com.cloudflare.api.account.zone.{zoneId}"
                                + " becomes the wildcard com.cloudflare.api.account.zone.*; an input must name one resource");
    }

    @Test
    void inputThatMakesAnInvalidKeyIsRefusedBeforeAnyRequest() {
        TokenDeclaration declaration = declaration(
                new PolicyDeclaration(
                        PolicyEffect.ALLOW,
                        List.of(ZONE_READ),
                        List.of("com.cloudflare.api.account.zone.{zoneId}"),
                        ""),
                List.of("zoneId"));
        assertThatThrownBy(() -> declaration.resolve(ACCOUNT, Map.of("zoneId", "not-a-zone")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("token test-token: with input zoneId() = \"not-a-zone\", resource key"
                        + " com.cloudflare.api.account.zone.{zoneId} becomes an invalid key: ")
                .hasMessageContaining("32");
        assertThatThrownBy(() -> declaration.resolve(ACCOUNT, Map.of("zoneId", "0123456789abcdef0123456789abcdef.x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badAccountIdIsNamed() {
        TokenDeclaration declaration = declaration(
                new PolicyDeclaration(
                        PolicyEffect.ALLOW, List.of(ZONE_READ), List.of("com.cloudflare.api.account.{account}"), ""),
                List.of());
        assertThatThrownBy(() -> declaration.resolve("*", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "token test-token: with account id \"*\", resource key com.cloudflare.api.account.{account}");
    }

    @Test
    void ipConditionsCompareInCanonicalForm() {
        RequestIpCondition declared =
                new RequestIpCondition(Set.of("2001:DB8::/32", "192.0.2.1"), Set.of("192.0.2.0/24"));
        RequestIpCondition returned =
                new RequestIpCondition(Set.of("2001:db8::/32", "192.0.2.1/32"), Set.of("192.0.2.0/24"));
        assertThat(declared).isEqualTo(returned);
        assertThat(declared.in()).containsExactlyInAnyOrder("2001:db8::/32", "192.0.2.1/32");
        assertThat(new RequestIpCondition(Set.of("not a cidr"), Set.of()).in()).containsExactly("not a cidr");
    }

    @Test
    void specsCompareAsSets() {
        PolicySpec a = new PolicySpec(
                PolicyEffect.ALLOW, Set.of("1", "2"), Set.of(ResourceGrant.all("k1"), ResourceGrant.all("k2")));
        PolicySpec b = new PolicySpec(
                PolicyEffect.ALLOW, Set.of("2", "1"), Set.of(ResourceGrant.all("k2"), ResourceGrant.all("k1")));
        PolicySpec c = new PolicySpec(PolicyEffect.DENY, Set.of("2"), Set.of(ResourceGrant.all("k2")));
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
        TokenSpec one = new TokenSpec("t", Set.of(a, c), null, null, expiry);
        TokenSpec two = new TokenSpec("t", Set.of(c, b), RequestIpCondition.NONE, null, expiry);
        assertThat(one).isEqualTo(two);
        assertThat(one).isNotEqualTo(new TokenSpec("t", Set.of(a), null, null, expiry));
    }

    @Test
    void placeholdersAreListedInOrder() {
        // The grammar lives with ResourceKey (ResourceKeyPlaceholdersTest); this entry point delegates to it.
        assertThat(TokenDeclaration.placeholders("com.cloudflare.edge.r2.bucket.{account}_default_{bucket}"))
                .containsExactly("account", "bucket");
        assertThat(TokenDeclaration.placeholders("com.cloudflare.api.account.zone.*"))
                .isEmpty();
    }

    @Test
    void rotationIsNoPartOfTheSpecCloudflareHolds() {
        TokenDeclaration plain = declaration(
                new PolicyDeclaration(
                        PolicyEffect.ALLOW, List.of(ZONE_READ), List.of("com.cloudflare.api.account.zone.*"), ""),
                List.of());
        TokenDeclaration rotating = plain.withRotation(RotationPolicy.parse("P30D", "P2D"));

        assertThat(rotating.rotation()).contains(RotationPolicy.parse("P30D", "P2D"));
        assertThat(plain.rotation()).isEmpty();
        TokenSpec spec = rotating.resolve(ACCOUNT, Map.of());
        assertThat(spec).isEqualTo(plain.resolve(ACCOUNT, Map.of()));
        assertThat(spec.hashCode()).isEqualTo(plain.resolve(ACCOUNT, Map.of()).hashCode());
        assertThat(rotating.withRotation(null).rotation()).isEmpty();
    }

    @Test
    void aRotatingDeclarationCannotHaveAFixedExpiry() {
        assertThatThrownBy(() -> new TokenDeclaration(
                        "test-token",
                        "Test Token",
                        TokenOwner.ACCOUNT,
                        List.of(),
                        RequestIpCondition.NONE,
                        null,
                        Instant.parse("2030-12-31T23:59:59Z"),
                        List.of(),
                        Optional.of(RotationPolicy.parse("P30D", "P2D"))))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("each generation of a rotating token gets its own expiry");
    }

    private static TokenDeclaration declaration(PolicyDeclaration policy, List<String> inputs) {
        return new TokenDeclaration(
                "test-token",
                "Test Token",
                TokenOwner.ACCOUNT,
                List.of(policy),
                RequestIpCondition.NONE,
                null,
                null,
                inputs);
    }
}
