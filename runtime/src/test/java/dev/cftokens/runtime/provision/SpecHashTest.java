package dev.cftokens.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.PolicySpec;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.model.TokenSpec;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecHashTest {
    private static TokenSpec spec(List<String> groups, List<String> cidrs, Instant expiry) {
        PolicySpec zone = new PolicySpec(
                PolicyEffect.ALLOW,
                new LinkedHashSet<>(groups),
                Set.of(ResourceGrant.all("com.cloudflare.api.account.zone.*")));
        PolicySpec deny = new PolicySpec(
                PolicyEffect.DENY,
                Set.of("g3"),
                Set.of(new ResourceGrant(
                        "com.cloudflare.api.account.abc",
                        Set.of("com.cloudflare.api.account.zone.1", "com.cloudflare.api.account.zone.2"))));
        return new TokenSpec(
                "name", Set.of(zone, deny), new RequestIpCondition(new LinkedHashSet<>(cidrs), Set.of()), null, expiry);
    }

    @Test
    void sameGrantsInAnyOrderHashTheSame() {
        String a = SpecHash.of(spec(List.of("g1", "g2"), List.of("192.0.2.0/24", "10.0.0.0/8"), null));
        String b = SpecHash.of(spec(List.of("g2", "g1"), List.of("10.0.0.0/8", "192.0.2.0/24"), null));
        assertThat(a).isEqualTo(b).startsWith("sha256:").hasSize("sha256:".length() + 64);
    }

    @Test
    void anyChangeChangesTheHash() {
        String base = SpecHash.of(spec(List.of("g1", "g2"), List.of("10.0.0.0/8"), null));
        assertThat(SpecHash.of(spec(List.of("g1"), List.of("10.0.0.0/8"), null)))
                .isNotEqualTo(base);
        assertThat(SpecHash.of(spec(List.of("g1", "g2"), List.of("10.0.0.0/16"), null)))
                .isNotEqualTo(base);
        assertThat(SpecHash.of(spec(List.of("g1", "g2"), List.of("10.0.0.0/8"), Instant.parse("2030-01-01T00:00:00Z"))))
                .isNotEqualTo(base);
    }

    @Test
    void canonicalFormIsStableText() {
        assertThat(SpecHash.canonicalForm(spec(List.of("g2", "g1"), List.of(), null)))
                .startsWith("{\"name\":\"name\",\"policies\":[")
                .contains("\\\"permission_groups\\\":[\\\"g1\\\",\\\"g2\\\"]");
    }
}
