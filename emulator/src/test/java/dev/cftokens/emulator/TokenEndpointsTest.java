package dev.cftokens.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenEndpointsTest {
  private CloudflareEmulator emulator;
  private ApiClient admin;
  private String tokens;

  @BeforeEach
  void start() {
    emulator = CloudflareEmulator.start();
    admin = ApiClient.admin(emulator);
    tokens = "/accounts/" + emulator.accountId() + "/tokens";
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void createReturnsTheTokenWithItsValueOnce() {
    ApiClient.Response created = admin.post(tokens, Bodies.zoneReader("reader"));

    assertThat(created.status()).isEqualTo(200);
    assertThat(created.success()).isTrue();
    JsonNode token = created.result();
    assertThat(token.path("id").asText()).matches("[0-9a-f]{32}");
    assertThat(token.path("name").asText()).isEqualTo("reader");
    assertThat(token.path("status").asText()).isEqualTo("active");
    assertThat(token.path("value").asText()).matches("[A-Za-z0-9_-]{40,80}");
    JsonNode policy = token.path("policies").path(0);
    assertThat(policy.path("id").asText()).matches("[0-9a-f]{32}");
    assertThat(policy.path("effect").asText()).isEqualTo("allow");
    assertThat(policy.path("permission_groups").path(0).path("name").asText()).isEqualTo("Zone Read");
    assertThat(policy.path("resources").path("com.cloudflare.api.account.zone.*").asText()).isEqualTo("*");

    ApiClient.Response fetched = admin.get(tokens + "/" + token.path("id").asText());
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.result().has("value")).isFalse();
    assertThat(fetched.result().path("name").asText()).isEqualTo("reader");
    assertThat(emulator.tokens()).singleElement().satisfies(t -> {
      assertThat(t.id()).isEqualTo(token.path("id").asText());
      assertThat(t.policies()).singleElement().satisfies(p -> assertThat(p.permissionGroupIds()).containsExactly(Bodies.ZONE_READ));
    });
  }

  @Test
  void envelopeHasAllFields() {
    ApiClient.Response listed = admin.get(tokens);

    assertThat(listed.body().path("success").asBoolean()).isTrue();
    assertThat(listed.body().path("errors").isArray()).isTrue();
    assertThat(listed.body().path("messages").isArray()).isTrue();
    assertThat(listed.body().path("result").isArray()).isTrue();
    assertThat(listed.body().path("result_info").path("total_count").asInt()).isZero();
    assertThat(listed.headers().firstValue("cf-ray")).isPresent();
  }

  @Test
  void unknownPermissionGroupIdIsA400NamingIt() {
    ApiClient.Response response = admin.post(tokens,
        Bodies.token("bad", "00000000000000000000000000000000", "com.cloudflare.api.account.zone.*"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.success()).isFalse();
    assertThat(response.result().isNull()).isTrue();
    assertThat(response.errorCode()).isEqualTo(1001);
    assertThat(response.errorMessage())
        .contains("policies[0].permission_groups[0].id")
        .contains("\"00000000000000000000000000000000\"");
    assertThat(emulator.tokens()).isEmpty();
  }

  @Test
  void deleteRemovesTheToken() {
    String id = admin.post(tokens, Bodies.zoneReader("doomed")).result().path("id").asText();

    ApiClient.Response deleted = admin.delete(tokens + "/" + id);

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.result().path("id").asText()).isEqualTo(id);
    ApiClient.Response gone = admin.get(tokens + "/" + id);
    assertThat(gone.status()).isEqualTo(400);
    assertThat(gone.errorMessage()).contains(id);
    assertThat(emulator.tokens()).isEmpty();
  }

  @Test
  void unknownTokenIdIsA400() {
    ApiClient.Response response = admin.get(tokens + "/0123456789abcdef0123456789abcdef");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo(1001);
  }

  @Test
  void permissionGroupsListTheCatalog() {
    ApiClient.Response groups = admin.get(tokens + "/permission_groups");

    assertThat(groups.status()).isEqualTo(200);
    assertThat(groups.result().size()).isGreaterThan(250);
    JsonNode first = groups.result().path(0);
    assertThat(first.has("id")).isTrue();
    assertThat(first.has("name")).isTrue();
    assertThat(first.path("scopes").isArray()).isTrue();
  }

  @Test
  void requestsWithoutCredentialsAreRefused() {
    ApiClient anonymous = ApiClient.withHeaders(emulator, java.util.Map.of());

    ApiClient.Response response = anonymous.get(tokens);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo(10000);
  }
}
