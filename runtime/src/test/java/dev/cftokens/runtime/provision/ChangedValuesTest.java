package dev.cftokens.runtime.provision;

import static dev.cftokens.runtime.provision.HandMadeProvisioner.ANALYTICS_READ;
import static dev.cftokens.runtime.provision.HandMadeProvisioner.DNS_WRITE;
import static dev.cftokens.runtime.provision.HandMadeProvisioner.ZONE_READ;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.catalog.PermissionGroup;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An update's or a drift's lines say what changes, not only which fields. */
class ChangedValuesTest {
    private static final String ACCOUNT = "0123456789abcdef0123456789abcdef";

    private static DesiredToken desired(
            String name, List<PermissionGroup> groups, RequestIpCondition condition, Instant expiresOn) {
        return DesiredToken.resolve(
                new HandMadeProvisioner(
                        HandMadeProvisioner.declaration(
                                "restricted-token", name, TokenOwner.ACCOUNT, groups, condition, expiresOn),
                        Map.of()),
                () -> ACCOUNT);
    }

    @Test
    void eachDifferingFieldSaysWhatItWasAndWhatItBecomes() {
        DesiredToken before = desired(
                "Restricted", List.of(ZONE_READ), RequestIpCondition.NONE, Instant.parse("2030-01-01T00:00:00Z"));
        DesiredToken after = desired(
                "Restricted Access",
                List.of(ZONE_READ, ANALYTICS_READ),
                new RequestIpCondition(Set.of("192.0.2.0/24"), Set.of("192.0.2.7/32")),
                Instant.parse("2031-01-01T00:00:00Z"));
        PlannedChange change = PlannedChange.builder(ChangeKind.UPDATE)
                .desired(after)
                .existing(new ExistingToken("t1", before.spec(), TokenStatus.DISABLED))
                .differences(EnumSet.allOf(TokenField.class).stream()
                        .filter(field -> field != TokenField.NOT_BEFORE)
                        .collect(java.util.stream.Collectors.toSet()))
                .build();
        assertThat(change.changedValues())
                .containsExactly(
                        "name: \"Restricted\" -> \"Restricted Access\"",
                        "policies: + Analytics Read",
                        "request_ip: none -> in 192.0.2.0/24; not_in 192.0.2.7/32",
                        "expires_on: 2030-01-01T00:00:00Z -> 2031-01-01T00:00:00Z",
                        "status: disabled -> active");
        assertThat(change.render())
                .startsWith("~ update restricted-token (name, policies, condition, expires_on, status)\n"
                        + "    name: \"Restricted\" -> \"Restricted Access\"\n"
                        + "    policies: + Analytics Read\n");
        assertThat(new Plan(List.of(change)).render()).contains("\n    expires_on: 2030-01-01T00:00:00Z -> 2031");
    }

    @Test
    void aGroupTheDeclarationNoLongerNamesIsNamedFromTheCatalog() {
        DesiredToken before = desired("n", List.of(ZONE_READ, DNS_WRITE), RequestIpCondition.NONE, null);
        DesiredToken after = desired("n", List.of(ZONE_READ), RequestIpCondition.NONE, null);
        PlannedChange change = PlannedChange.builder(ChangeKind.DRIFTED_CHANGED)
                .desired(after)
                .existing(new ExistingToken("t1", before.spec(), TokenStatus.ACTIVE))
                .differences(Set.of(TokenField.POLICIES))
                .build();
        assertThat(change.changedValues()).containsExactly("policies: - DNS Write");
    }

    @Test
    void otherKindsSayNoMoreThanTheirLine() {
        DesiredToken token = desired("n", List.of(ZONE_READ), RequestIpCondition.NONE, null);
        PlannedChange create =
                PlannedChange.builder(ChangeKind.CREATE).desired(token).build();
        assertThat(create.changedValues()).isEmpty();
        assertThat(create.render()).isEqualTo(create.describe()).isEqualTo("+ create restricted-token");
    }
}
