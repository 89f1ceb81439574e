package dev.cftokens.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's movable clock (option, methods, admin endpoint) and what Cloudflare does with a token
 * once that clock passes its expires_on.
 */
class ClockTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private CloudflareEmulator emulator;
    private ApiClient admin;
    private String tokens;

    @BeforeEach
    void start() {
        emulator = CloudflareEmulator.start(EmulatorOptions.builder()
                .clock(Clock.fixed(START, ZoneOffset.UTC))
                .clockOffset(Duration.ofDays(30))
                .build());
        admin = ApiClient.admin(emulator);
        tokens = "/accounts/" + emulator.accountId() + "/tokens";
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** A token that may read and write account tokens, expiring {@code in} after the emulator's now. */
    private JsonNode createExpiringIn(String name, Duration in) {
        String policies = "\"policies\": ["
                + Bodies.policy(
                        "allow", Bodies.ACCOUNT_API_TOKENS_WRITE, "com.cloudflare.api.account." + emulator.accountId())
                + "]";
        String expiresOn = emulator.now().plus(in).toString();
        ApiClient.Response created = admin.post(
                tokens, "{\"name\": \"" + name + "\", " + policies + ", \"expires_on\": \"" + expiresOn + "\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        return created.result();
    }

    @Test
    void theOffsetOptionStartsTheClockAheadAndTimestampsFollowIt() {
        assertThat(emulator.now()).isEqualTo(Instant.parse("2030-01-31T00:00:00Z"));
        assertThat(emulator.clockOffset()).isEqualTo(Duration.ofDays(30));

        JsonNode created = createExpiringIn("dated", Duration.ofDays(10));
        assertThat(created.path("issued_on").asText()).isEqualTo("2030-01-31T00:00:00Z");
        assertThat(created.path("modified_on").asText()).isEqualTo("2030-01-31T00:00:00Z");

        assertThat(emulator.advanceClock(Duration.ofHours(5))).isEqualTo(Instant.parse("2030-01-31T05:00:00Z"));
        ApiClient.bearer(emulator, created.path("value").asText()).get(tokens);
        String rolled = tokens + "/" + created.path("id").asText() + "/value";
        assertThat(admin.put(rolled, "{}").status()).isEqualTo(200);

        EmulatedToken token = emulator.tokens().get(0);
        assertThat(token.issuedOn()).isEqualTo(Instant.parse("2030-01-31T00:00:00Z"));
        assertThat(token.lastUsedOn()).isEqualTo(Instant.parse("2030-01-31T05:00:00Z"));
        assertThat(token.modifiedOn()).isEqualTo(Instant.parse("2030-01-31T05:00:00Z"));
        assertThat(emulator.clockOffset()).isEqualTo(Duration.ofDays(30).plusHours(5));
    }

    @Test
    void notBeforeIsCheckedAgainstTheMovedClock() {
        String policies = "\"policies\": ["
                + Bodies.policy(
                        "allow", Bodies.ACCOUNT_API_TOKENS_READ, "com.cloudflare.api.account." + emulator.accountId())
                + "]";
        String notBefore = emulator.now().plus(Duration.ofDays(1)).toString();
        ApiClient later = ApiClient.bearer(
                emulator,
                admin.post(tokens, "{\"name\": \"later\", " + policies + ", \"not_before\": \"" + notBefore + "\"}")
                        .result()
                        .path("value")
                        .asText());

        assertThat(later.get(tokens).errorMessage()).contains("not valid before " + notBefore);
        emulator.advanceClock(Duration.ofDays(1));
        assertThat(later.get(tokens).status()).isEqualTo(200);
    }

    @Test
    void anExpiredTokenIsRefusedAsACredentialEverywhereVerifyIncluded() {
        JsonNode created = createExpiringIn("short-lived", Duration.ofDays(2));
        ApiClient holder = ApiClient.bearer(emulator, created.path("value").asText());
        String id = created.path("id").asText();
        assertThat(holder.get(tokens + "/verify").status()).isEqualTo(200);

        emulator.advanceClock(Duration.ofDays(2));

        for (ApiClient.Response refused : new ApiClient.Response[] {
            holder.get(tokens + "/verify"),
            holder.get(tokens),
            holder.get(tokens + "/" + id),
            holder.post(tokens, Bodies.zoneReader("successor")),
            holder.put(tokens + "/" + id + "/value", "{}"),
            holder.get("/user/tokens/verify")
        }) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo(10000);
            assertThat(refused.errorMessage())
                    .isEqualTo("Authentication error: the API token " + id + " has expired (expires_on "
                            + created.path("expires_on").asText() + ")");
        }
        assertThat(admin.get(tokens + "/" + id).result().path("status").asText())
                .isEqualTo("expired");
        assertThat(admin.get(tokens).result()).isEmpty();
        assertThat(emulator.tokens()).extracting(EmulatedToken::status).containsExactly("expired");
    }

    @Test
    void anExpiredTokenCannotBeRolledOrUpdatedButCanBeDeleted() {
        JsonNode created = createExpiringIn("short-lived", Duration.ofMinutes(1));
        String id = created.path("id").asText();
        emulator.advanceClock(Duration.ofMinutes(1));

        ApiClient.Response roll = admin.put(tokens + "/" + id + "/value", "{}");
        assertThat(roll.status()).isEqualTo(400);
        assertThat(roll.errorCode()).isEqualTo(1001);
        assertThat(roll.errorMessage())
                .isEqualTo("token " + id + " expired at "
                        + created.path("expires_on").asText()
                        + " and cannot be rolled; an expired token stays expired. Create a successor and delete"
                        + " this one");

        ApiClient.Response revive = admin.put(
                tokens + "/" + id,
                "{\"name\": \"revived\", \"status\": \"active\", \"expires_on\": \"2099-01-01T00:00:00Z\","
                        + " \"policies\": ["
                        + Bodies.policy(
                                "allow",
                                Bodies.ACCOUNT_API_TOKENS_WRITE,
                                "com.cloudflare.api.account." + emulator.accountId())
                        + "]}");
        assertThat(revive.status()).isEqualTo(400);
        assertThat(revive.errorMessage()).contains("cannot be updated");
        assertThat(admin.get(tokens + "/" + id).result().path("name").asText()).isEqualTo("short-lived");

        assertThat(admin.delete(tokens + "/" + id).status()).isEqualTo(200);
        assertThat(emulator.tokens()).isEmpty();
    }

    @Test
    void aLiveTokensExpiryCanStillBeMovedLater() {
        JsonNode created = createExpiringIn("renewed", Duration.ofDays(1));
        String id = created.path("id").asText();
        ApiClient.Response renewed = admin.put(
                tokens + "/" + id,
                "{\"name\": \"renewed\", \"expires_on\": \"2030-03-01T00:00:00Z\", \"policies\": ["
                        + Bodies.policy(
                                "allow",
                                Bodies.ACCOUNT_API_TOKENS_WRITE,
                                "com.cloudflare.api.account." + emulator.accountId())
                        + "]}");
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(200);

        emulator.advanceClock(Duration.ofDays(2));
        assertThat(ApiClient.bearer(emulator, created.path("value").asText())
                        .get(tokens)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theClockNeverGoesBack() {
        assertThatThrownBy(() -> emulator.advanceClock(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only moves forward");
        assertThatThrownBy(() -> EmulatorOptions.builder().clockOffset(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clock offset must not be negative, not PT-24H");
        assertThat(emulator.now()).isEqualTo(Instant.parse("2030-01-31T00:00:00Z"));
    }

    private ApiClient.Response clock(String method, String authorization, String json) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + emulator.port() + "/__emulator/clock"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return ApiClient.send(request.build());
    }

    @Test
    void theAdminEndpointReadsAndMovesTheClock() {
        String bearer = "Bearer " + emulator.adminToken();
        ApiClient.Response read = clock("GET", bearer, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.result().path("now").asText()).isEqualTo("2030-01-31T00:00:00Z");
        assertThat(read.result().path("offset").asText()).isEqualTo("PT720H");

        ApiClient.Response moved = clock("POST", bearer, "{\"advance\": \"P1DT1H\"}");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.result().path("now").asText()).isEqualTo("2030-02-01T01:00:00Z");
        assertThat(emulator.now()).isEqualTo(Instant.parse("2030-02-01T01:00:00Z"));
        // Not an API request: counted nowhere, so request budgets in tests stay exact.
        assertThat(emulator.requestCount()).isZero();
    }

    @Test
    void theAdminEndpointRefusesOtherCallersAndBadBodies() {
        String bearer = "Bearer " + emulator.adminToken();
        JsonNode issued = createExpiringIn("issued", Duration.ofDays(1));

        assertThat(clock("POST", null, "{\"advance\": \"P1D\"}").status()).isEqualTo(401);
        ApiClient.Response byIssued =
                clock("POST", "Bearer " + issued.path("value").asText(), "{\"advance\": \"P1D\"}");
        assertThat(byIssued.status()).isEqualTo(403);
        assertThat(byIssued.errorMessage()).contains("takes the admin token or the global API key");

        ApiClient.Response words = clock("POST", bearer, "{\"advance\": \"a month\"}");
        assertThat(words.status()).isEqualTo(400);
        assertThat(words.errorMessage())
                .isEqualTo("advance \"a month\" is not an ISO-8601 duration; write one such as \"P30D\" (30 days)"
                        + " or \"PT1H\" (an hour)");
        assertThat(clock("POST", bearer, "{\"advance\": \"-PT1H\"}").errorMessage())
                .contains("only moves forward");
        assertThat(clock("POST", bearer, "{\"by\": \"PT1H\"}").errorMessage())
                .contains("takes {\"advance\": \"<ISO-8601 duration>\"}");
        assertThat(clock("PUT", bearer, "{\"advance\": \"PT1H\"}").status()).isEqualTo(405);
        assertThat(emulator.now()).isEqualTo(Instant.parse("2030-01-31T00:00:00Z"));
    }
}
