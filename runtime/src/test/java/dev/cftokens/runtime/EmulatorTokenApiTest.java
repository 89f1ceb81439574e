package dev.cftokens.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.catalog.Scope;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.PolicySpec;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatedToken;
import dev.cftokens.emulator.Fault;
import dev.cftokens.emulator.RequestKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The happy paths and Cloudflare's documented errors, against the emulator. */
@ExtendWith(LeakScan.class)
@LeakScan.ExpectsRequestLog
class EmulatorTokenApiTest {
    private final CloudflareEmulator emulator = CloudflareEmulator.start();
    private final Cloudflare cloudflare = Cloudflare.builder()
            .baseUrl(emulator.baseUrl())
            .apiToken(emulator.adminToken())
            .accountId(emulator.accountId())
            .build();

    @AfterEach
    void stop() {
        emulator.close();
    }

    private String groupId(String name, Scope scope) {
        return emulator.catalog().byNameAndScope(name, scope).orElseThrow().id();
    }

    private TokenSpec zoneReadSpec(String name) {
        return new TokenSpec(
                name,
                Set.of(new PolicySpec(
                        PolicyEffect.ALLOW,
                        Set.of(groupId("Zone Read", Scope.ZONE)),
                        Set.of(new ResourceGrant(
                                "com.cloudflare.api.account." + emulator.accountId(),
                                Set.of("com.cloudflare.api.account.zone.*"))))),
                new RequestIpCondition(Set.of("192.0.2.0/24", "127.0.0.0/8", "::1/128"), Set.of("192.0.2.1/32")),
                Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2099-12-31T23:59:59Z"));
    }

    @Test
    void accountTokenLifecycle() {
        TokenApi tokens = cloudflare.accountTokens();
        TokenSpec spec = zoneReadSpec("ci-deploy");

        CreatedToken created = tokens.create(spec);
        String id = created.token().id();
        assertThat(created.token().spec()).isEqualTo(spec);
        assertThat(created.token().status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(created.value().length()).isBetween(40, 80);
        assertThat(emulator.tokens()).extracting(EmulatedToken::id).contains(id);
        assertThat(emulator.tokens().stream()
                        .filter(t -> t.id().equals(id))
                        .findFirst()
                        .orElseThrow()
                        .spec())
                .isEqualTo(spec);

        assertThat(tokens.get(id).spec()).isEqualTo(spec);
        assertThat(tokens.list().map(Token::id)).contains(id);

        TokenSpec renamed =
                new TokenSpec("ci-deploy-2", spec.policies(), spec.condition(), spec.notBefore(), spec.expiresOn());
        Token updated = tokens.update(id, renamed, TokenStatus.DISABLED);
        assertThat(updated.spec()).isEqualTo(renamed);
        assertThat(updated.status()).isEqualTo(TokenStatus.DISABLED);
        assertThat(tokens.update(id, renamed, TokenStatus.ACTIVE).status()).isEqualTo(TokenStatus.ACTIVE);

        Secret rolled = tokens.roll(id);
        assertThat(rolled).isNotEqualTo(created.value());

        // The new value is a working credential; verify needs no permission.
        Cloudflare asToken = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .apiToken(rolled)
                .accountId(emulator.accountId())
                .build();
        TokenVerification verification = asToken.accountTokens().verify();
        assertThat(verification.id()).isEqualTo(id);
        assertThat(verification.status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(verification.expiresOn()).isEqualTo(Instant.parse("2099-12-31T23:59:59Z"));

        // The old value no longer is.
        Cloudflare asOldValue = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .apiToken(created.value())
                .accountId(emulator.accountId())
                .retryPolicy(RetryPolicy.none())
                .build();
        CloudflareApiException rejected = LeakScan.caught(
                CloudflareApiException.class, () -> asOldValue.accountTokens().verify());
        assertThat(rejected.status()).isBetween(400, 403);

        tokens.delete(id);
        CloudflareApiException gone = LeakScan.caught(CloudflareApiException.class, () -> tokens.get(id));
        // Cloudflare answers 404 for a token id that is not there (the client also takes a 400 as "gone").
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errors()).isNotEmpty();
        assertThat(emulator.tokens()).extracting(EmulatedToken::id).doesNotContain(id);
    }

    @Test
    void userTokenLifecycle() {
        TokenSpec spec = new TokenSpec(
                "my-user-token",
                Set.of(new PolicySpec(
                        PolicyEffect.ALLOW,
                        Set.of(groupId("API Tokens Read", Scope.USER)),
                        Set.of(ResourceGrant.all("com.cloudflare.api.user." + emulator.userId())))),
                null,
                null,
                null);

        CreatedToken created = cloudflare.tokens(TokenOwner.USER).create(spec);

        assertThat(created.token().spec()).isEqualTo(spec);
        assertThat(cloudflare.userTokens().list().map(Token::id))
                .contains(created.token().id());
        assertThat(emulator.tokens())
                .filteredOn(t -> t.id().equals(created.token().id()))
                .extracting(EmulatedToken::owner)
                .containsExactly(TokenOwner.USER);
        cloudflare.userTokens().delete(created.token().id());
        assertThat(cloudflare.userTokens().list().map(Token::id))
                .doesNotContain(created.token().id());
    }

    @Test
    void listPagesThroughMoreThanFiftyTokens() {
        for (int i = 0; i < 57; i++) {
            cloudflare.accountTokens().create(zoneReadSpec("token-" + i));
        }
        emulator.resetRequestCounts();

        List<String> names = cloudflare.accountTokens().list().map(Token::name).collect(Collectors.toList());

        assertThat(names).filteredOn(name -> name.startsWith("token-")).hasSize(57);
        assertThat(emulator.requestCount(RequestKind.LIST_TOKENS)).isEqualTo(2);
    }

    @Test
    void unknownPermissionGroupIsA400WithCode1001() {
        TokenSpec spec = new TokenSpec(
                "bad",
                Set.of(new PolicySpec(
                        PolicyEffect.ALLOW,
                        Set.of("00000000000000000000000000000000"),
                        Set.of(ResourceGrant.all("com.cloudflare.api.account.zone.*")))),
                null,
                null,
                null);

        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class, () -> cloudflare.accountTokens().create(spec));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.hasErrorCode(1001)).isTrue();
        assertThat(e.getMessage()).contains("POST /accounts/" + emulator.accountId() + "/tokens");
        assertThat(emulator.tokens()).extracting(EmulatedToken::name).doesNotContain("bad");
    }

    @Test
    void wrongCredentialsAreAnApiErrorNamingNoSecret() {
        String wrong = "Wr0ngT0kenWr0ngT0kenWr0ngT0kenWr0ngT0ken";
        Cloudflare stranger = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .apiToken(wrong)
                .accountId(emulator.accountId())
                .build();
        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class,
                () -> stranger.accountTokens().list().count());
        assertThat(e.status()).isBetween(400, 403);
        assertThat(e.errors()).isNotEmpty();
        assertThat(e.getMessage()).doesNotContain(wrong);
    }

    @Test
    void globalApiKeyAuthenticates() {
        Cloudflare withKey = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .apiKey(emulator.globalApiKey())
                .email(emulator.userEmail())
                .accountId(emulator.accountId())
                .build();
        CreatedToken created = withKey.accountTokens().create(zoneReadSpec("via-key"));
        assertThat(withKey.accountTokens().get(created.token().id()).name()).isEqualTo("via-key");
    }

    @Test
    void livePermissionGroupsAreTheAccountsCatalogFetchedOnce() {
        assertThat(cloudflare.livePermissionGroups().groups())
                .containsExactlyInAnyOrderElementsOf(emulator.catalog().groups().stream()
                        .filter(g -> !g.hasScope(Scope.USER) || g.scopes().size() > 1)
                        .collect(Collectors.toList()));
        cloudflare.livePermissionGroups();
        assertThat(emulator.requestCount(RequestKind.LIST_PERMISSION_GROUPS)).isEqualTo(1);
    }

    @Test
    void permissionGroupFiltersReachTheServer() {
        assertThat(cloudflare.accountTokens().permissionGroups("Zone Read", null))
                .extracting(g -> g.name())
                .containsOnly("Zone Read");
    }

    @Test
    void createThatCommitsButLosesItsAnswerIsOutcomeUnknownAndNotRepeated() {
        emulator.injectFault(
                Fault.commitThenDrop(1).on(RequestKind.CREATE_TOKEN).times(1));

        CloudflareOutcomeUnknownException e = LeakScan.caught(
                CloudflareOutcomeUnknownException.class,
                () -> cloudflare.accountTokens().create(zoneReadSpec("maybe")));

        assertThat(e.method()).isEqualTo("POST");
        // The token exists exactly once: the client did not create a duplicate.
        assertThat(emulator.tokens()).extracting(EmulatedToken::name).containsOnlyOnce("maybe");
        assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isEqualTo(1);
    }

    @Test
    void serverErrorsOnReadsAreRetriedThrough() {
        String id = cloudflare
                .accountTokens()
                .create(zoneReadSpec("sturdy"))
                .token()
                .id();
        emulator.injectFault(Fault.serverError(502, 1).on(RequestKind.GET_TOKEN).times(2));
        Cloudflare quickRetries = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .apiToken(emulator.adminToken())
                .accountId(emulator.accountId())
                .retryPolicy(new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMillis(20), Duration.ofMillis(40)))
                .build();
        assertThat(quickRetries.accountTokens().get(id).name()).isEqualTo("sturdy");
        assertThat(emulator.requestCount(RequestKind.GET_TOKEN)).isEqualTo(3);
    }

    @Test
    void deleteThatCommitsButLosesItsAnswerStillSucceeds() {
        String id = cloudflare
                .accountTokens()
                .create(zoneReadSpec("doomed"))
                .token()
                .id();
        emulator.injectFault(
                Fault.commitThenDrop(1).on(RequestKind.DELETE_TOKEN).times(1));

        cloudflare.accountTokens().delete(id);

        assertThat(emulator.tokens()).extracting(EmulatedToken::id).doesNotContain(id);
        assertThat(emulator.requestCount(RequestKind.DELETE_TOKEN)).isEqualTo(2);
    }

    @Test
    void rollThatCommitsButLosesItsAnswerIsRepeatedAndTheReturnedValueWorks() {
        String id = cloudflare
                .accountTokens()
                .create(zoneReadSpec("rolled"))
                .token()
                .id();
        emulator.injectFault(Fault.commitThenDrop(1).on(RequestKind.ROLL_TOKEN).times(1));

        Secret value = cloudflare.accountTokens().roll(id);

        Cloudflare asToken = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .apiToken(value)
                .accountId(emulator.accountId())
                .build();
        assertThat(asToken.accountTokens().verify().id()).isEqualTo(id);
    }

    @Test
    void oneClientIsSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String name = "parallel-" + i;
                ids.add(pool.submit(() -> {
                    CreatedToken created = cloudflare.accountTokens().create(zoneReadSpec(name));
                    return cloudflare.accountTokens().get(created.token().id()).name() + "/"
                            + created.token().id();
                }));
            }
            Set<String> results = new HashSet<>();
            for (Future<String> id : ids) {
                results.add(id.get(30, TimeUnit.SECONDS));
            }
            assertThat(results).hasSize(40);
            assertThat(results).allSatisfy(r -> assertThat(r).startsWith("parallel-"));
            assertThat(emulator.tokens())
                    .filteredOn(t -> t.name().startsWith("parallel-"))
                    .hasSize(40);
        } finally {
            pool.shutdownNow();
        }
    }
}
