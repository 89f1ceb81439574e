package dev.cftokens.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.catalog.PermissionGroup;
import dev.cftokens.core.catalog.Scope;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PolicyScopesTest {
    private static final PermissionGroup ZONE_READ =
            new PermissionGroup("c8fed203ed3043cba015a93ad1616f1f", "Zone Read", Set.of(Scope.ZONE));
    private static final PermissionGroup ACCOUNT_SETTINGS_READ =
            new PermissionGroup("c1fde68c7bcc44588cbb6ddbc16d6480", "Account Settings Read", Set.of(Scope.ACCOUNT));
    private static final PermissionGroup API_TOKENS_READ =
            new PermissionGroup("0cc3a61731504c89b99ec1be78b77aa0", "API Tokens Read", Set.of(Scope.USER));
    private static final PermissionGroup BUCKET_ITEM_READ = new PermissionGroup(
            "6a018a9f2fc74eb6b293b0c548f38b39", "Workers R2 Storage Bucket Item Read", Set.of(Scope.R2_BUCKET));
    private static final PermissionGroup ACCOUNT_OR_ZONE =
            new PermissionGroup("00000000000000000000000000000001", "Both Read", Set.of(Scope.ACCOUNT, Scope.ZONE));
    private static final PermissionGroup UNKNOWN_SCOPE =
            new PermissionGroup("00000000000000000000000000000002", "Future Read", Set.of());

    private static final String ACCOUNT_ID = "023e105f4ecef8ad9ca31a8372d0c353";

    @Test
    void groupsAndKeysOfTheSameScopeFit() {
        assertThat(check(List.of(ZONE_READ), "com.cloudflare.api.account.zone.*"))
                .isEmpty();
        assertThat(check(List.of(ACCOUNT_SETTINGS_READ), "com.cloudflare.api.account"))
                .isEmpty();
        assertThat(check(List.of(ACCOUNT_SETTINGS_READ), "com.cloudflare.api.account.*"))
                .isEmpty();
        assertThat(check(List.of(API_TOKENS_READ), "com.cloudflare.api.user.{userTag}"))
                .isEmpty();
        assertThat(check(List.of(BUCKET_ITEM_READ), "com.cloudflare.edge.r2.bucket.{account}_default_logs"))
                .isEmpty();
        assertThat(check(
                        List.of(ZONE_READ, ACCOUNT_SETTINGS_READ),
                        "com.cloudflare.api.account.zone.*",
                        "com.cloudflare.api.account.{account}"))
                .isEmpty();
    }

    @Test
    void nestedKeysCountWithTheirOwnScope() {
        // within = account, resources = zone.* / bucket.*: the nested keys are what the groups act on.
        assertThat(check(List.of(ZONE_READ), "com.cloudflare.api.account.zone.*"))
                .isEmpty();
        assertThat(check(List.of(BUCKET_ITEM_READ), "com.cloudflare.edge.r2.bucket.*"))
                .isEmpty();
    }

    @Test
    void aGroupWithSeveralScopesNeedsAKeyOfAnyOne() {
        assertThat(check(List.of(ACCOUNT_OR_ZONE), "com.cloudflare.api.account.zone.*"))
                .isEmpty();
        assertThat(check(List.of(ACCOUNT_OR_ZONE), "com.cloudflare.api.account"))
                .isEmpty();
        assertThat(messages(check(List.of(ACCOUNT_OR_ZONE), "com.cloudflare.api.user.{tag}")))
                .containsExactly(
                        "permission group \"Both Read\" (00000000000000000000000000000001) applies to account or zone resources, but"
                                + " the policy has only user keys; add a key such as com.cloudflare.api.account.<account id> or"
                                + " com.cloudflare.api.account.zone.<zone id>, or move the group to a policy with one",
                        "resource key \"com.cloudflare.api.user.{tag}\" is a user resource, but the policy's permission groups apply"
                                + " only to account and zone resources; add a permission group with scope com.cloudflare.api.user, or"
                                + " move the key to a policy with one");
    }

    @Test
    void zoneGroupOnAnAccountKeyIsReportedBothWays() {
        List<ScopeMismatch> mismatches = check(List.of(ZONE_READ), "com.cloudflare.api.account." + ACCOUNT_ID);
        assertThat(mismatches).hasSize(2);

        ScopeMismatch group = mismatches.get(0);
        assertThat(group.group()).isEqualTo(ZONE_READ);
        assertThat(group.key()).isNull();
        assertThat(group.isGroupMismatch()).isTrue();
        assertThat(group.isKeyMismatch()).isFalse();
        assertThat(group.message())
                .isEqualTo("permission group \"Zone Read\" (c8fed203ed3043cba015a93ad1616f1f) applies"
                        + " to zone resources, but the policy has only account keys; add a key such as"
                        + " com.cloudflare.api.account.zone.<zone id>, or move the group to a policy with one");

        ScopeMismatch key = mismatches.get(1);
        assertThat(key.group()).isNull();
        assertThat(key.key()).isEqualTo(ResourceKey.parse("com.cloudflare.api.account." + ACCOUNT_ID, KeyForm.WIRE));
        assertThat(key.isKeyMismatch()).isTrue();
        assertThat(key.message())
                .isEqualTo("resource key \"com.cloudflare.api.account." + ACCOUNT_ID + "\" is an account"
                        + " resource, but the policy's permission groups apply only to zone resources; add a permission group with"
                        + " scope com.cloudflare.api.account, or move the key to a policy with one");
    }

    @Test
    void onlyTheUnmatchedGroupsAndKeysAreReported() {
        List<ScopeMismatch> mismatches = check(
                List.of(ZONE_READ, API_TOKENS_READ, BUCKET_ITEM_READ),
                "com.cloudflare.api.account.zone.*",
                "com.cloudflare.api.account");
        assertThat(mismatches)
                .extracting(ScopeMismatch::group)
                .containsExactly(API_TOKENS_READ, BUCKET_ITEM_READ, null);
        assertThat(mismatches.get(2).key().key()).isEqualTo("com.cloudflare.api.account");
        assertThat(mismatches.get(0).message())
                .isEqualTo(
                        "permission group \"API Tokens Read\""
                                + " (0cc3a61731504c89b99ec1be78b77aa0) applies to user resources, but the policy has only account and zone"
                                + " keys; add a key such as com.cloudflare.api.user.<user tag>, or move the group to a policy with one");
        assertThat(mismatches.get(1).message())
                .isEqualTo("permission group \"Workers R2 Storage Bucket Item Read\""
                        + " (6a018a9f2fc74eb6b293b0c548f38b39) applies to R2 bucket resources, but the policy has only account and"
                        + " zone keys; add a key such as com.cloudflare.edge.r2.bucket.<account id>_<jurisdiction>_<bucket>, or move"
                        + " the group to a policy with one");
    }

    @Test
    void emptySidesAreReported() {
        assertThat(messages(PolicyScopes.check(List.of(ZONE_READ), List.of())))
                .containsExactly(
                        "permission group \"Zone Read\" (c8fed203ed3043cba015a93ad1616f1f) applies to zone resources, but the policy"
                                + " has no resource key; add a key such as com.cloudflare.api.account.zone.<zone id>, or move the group to"
                                + " a policy with one");
        assertThat(messages(check(List.of(), "com.cloudflare.api.account.zone.*")))
                .containsExactly(
                        "resource key \"com.cloudflare.api.account.zone.*\" is a zone resource, but the policy has no permission"
                                + " group that applies to it; add a permission group with scope com.cloudflare.api.account.zone, or move"
                                + " the key to a policy with one");
        assertThat(PolicyScopes.check(List.of(), List.of())).isEmpty();
    }

    @Test
    void aGroupWithNoKnownScopeFitsNoKey() {
        assertThat(messages(check(List.of(UNKNOWN_SCOPE, ZONE_READ), "com.cloudflare.api.account.zone.*")))
                .containsExactly("permission group \"Future Read\" (00000000000000000000000000000002) has no scope this"
                        + " version knows, so it applies to no resource key; refresh the permission-group catalog or drop the"
                        + " group");
    }

    @Test
    void duplicatesAreReportedOnce() {
        List<ScopeMismatch> mismatches =
                check(List.of(ZONE_READ, ZONE_READ), "com.cloudflare.api.user.{a}", "com.cloudflare.api.user.{a}");
        assertThat(mismatches).hasSize(2);
    }

    @Test
    void mismatchNamesExactlyOneSide() {
        ResourceKey key = ResourceKey.parse("com.cloudflare.api.account", KeyForm.DECLARED);
        assertThatThrownBy(() -> new ScopeMismatch(ZONE_READ, key, "both"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exactly one of group and key must be given");
        assertThatThrownBy(() -> new ScopeMismatch(null, null, "neither")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<ScopeMismatch> check(List<PermissionGroup> groups, String... keys) {
        return PolicyScopes.check(
                groups,
                Arrays.stream(keys)
                        .map(key -> ResourceKey.parse(key, KeyForm.DECLARED))
                        .collect(Collectors.toList()));
    }

    private static List<String> messages(List<ScopeMismatch> mismatches) {
        return mismatches.stream().map(ScopeMismatch::message).collect(Collectors.toList());
    }
}
