package dev.cftokens.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeclarationJsonTest {
    private static final PermissionGroupRef ROUTES_WRITE =
            new PermissionGroupRef("28f4b596e7d643029c524985477ae49a", "Workers Routes Write");
    private static final PermissionGroupRef LOGS_READ =
            new PermissionGroupRef("6a315a56f18441e59ed03352369ae956", "Logs Read");

    private static final TokenDeclaration FULL = new TokenDeclaration(
            "restricted-token",
            "Restricted \"Access\" Token \\ é \u0001",
            TokenOwner.ACCOUNT,
            List.of(
                    new PolicyDeclaration(
                            PolicyEffect.ALLOW,
                            List.of(ROUTES_WRITE, LOGS_READ),
                            List.of("com.cloudflare.api.account.zone.{zoneId}"),
                            ""),
                    new PolicyDeclaration(
                            PolicyEffect.DENY,
                            List.of(LOGS_READ),
                            List.of("com.cloudflare.api.account.zone.*", "com.cloudflare.api.account.zone.{other}"),
                            "com.cloudflare.api.account")),
            new RequestIpCondition(Set.of("192.168.1.0/24", "10.0.0.0/8"), Set.of("192.168.1.100/32")),
            Instant.parse("2030-01-01T00:00:00Z"),
            Instant.parse("2030-12-31T23:59:59Z"),
            List.of("zoneId", "other"));

    @Test
    void readsBackWhatItWrites() {
        assertThat(TokenDeclaration.fromJson(FULL.toJson())).isEqualTo(FULL);

        TokenDeclaration minimal = new TokenDeclaration(
                "readonly-token",
                "readonly-token",
                TokenOwner.USER,
                List.of(new PolicyDeclaration(
                        PolicyEffect.ALLOW, List.of(LOGS_READ), List.of("com.cloudflare.api.user.{u}"), "")),
                RequestIpCondition.NONE,
                null,
                null,
                List.of("u"));
        assertThat(TokenDeclaration.fromJson(minimal.toJson())).isEqualTo(minimal);
    }

    @Test
    void layoutIsOneFieldPerLineWithSetsSortedAndEmptyFieldsLeftOut() {
        TokenDeclaration declaration = new TokenDeclaration(
                "logs",
                "Logs",
                TokenOwner.ACCOUNT,
                List.of(new PolicyDeclaration(
                        PolicyEffect.ALLOW, List.of(LOGS_READ), List.of("com.cloudflare.api.account"), "")),
                new RequestIpCondition(Set.of("192.168.1.0/24", "10.0.0.0/8"), Set.of()),
                null,
                null,
                List.of());
        assertThat(declaration.toJson()).isEqualTo("""
        {
          "id": "logs",
          "name": "Logs",
          "owner": "account",
          "policies": [
            {
              "effect": "allow",
              "permissionGroups": [
                {"id": "6a315a56f18441e59ed03352369ae956", "name": "Logs Read"}
              ],
              "resources": ["com.cloudflare.api.account"]
            }
          ],
          "requestIp": {"in": ["10.0.0.0/8", "192.168.1.0/24"], "notIn": []}
        }
        """);
    }

    @Test
    void everyCharacterOutsidePrintableAsciiIsEscapedAndReadBack() {
        String name = "caf\u00e9 \u65e5\u672c \u2028\u2029\u0085 tab\t del\u007f lone\ud800 pair\ud83d\ude00 \"q\" \\";
        TokenDeclaration declaration = new TokenDeclaration(
                "odd",
                name,
                TokenOwner.ACCOUNT,
                FULL.policies(),
                RequestIpCondition.NONE,
                null,
                null,
                List.of("zoneId", "other"));

        String json = declaration.toJson();

        assertThat(json.chars().filter(c -> c != '\n').allMatch(c -> c >= 0x20 && c < 0x7f))
                .as(json)
                .isTrue();
        assertThat(json).contains("caf\\u00e9 \\u65e5\\u672c \\u2028\\u2029\\u0085 tab\\t del\\u007f lone\\ud800");
        assertThat(TokenDeclaration.fromJson(json).name()).isEqualTo(name);
    }

    @Test
    void writingIsDeterministic() {
        TokenDeclaration reordered = new TokenDeclaration(
                FULL.id(),
                FULL.name(),
                FULL.owner(),
                FULL.policies(),
                new RequestIpCondition(Set.of("10.0.0.0/8", "192.168.1.0/24"), Set.of("192.168.1.100/32")),
                FULL.notBefore(),
                FULL.expiresOn(),
                FULL.inputs());
        assertThat(reordered.toJson()).isEqualTo(FULL.toJson());
    }

    @Test
    void anUnknownFieldNamesItAndTheVersionMismatch() {
        String json = FULL.toJson().replace("\"inputs\":", "\"audience\": \"x\",\n  \"inputs\":");
        assertThatThrownBy(() -> TokenDeclaration.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"audience\"")
                .hasMessageContaining("same version of cftokens-processor and cftokens-runtime");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> TokenDeclaration.fromJson("not json"))
                .hasMessageStartingWith("invalid token declaration: it is not JSON");
        assertThatThrownBy(() -> TokenDeclaration.fromJson("[]"))
                .hasMessage("invalid token declaration: it is not a JSON object");
        assertThatThrownBy(() -> TokenDeclaration.fromJson(FULL.toJson().replace("\"account\",", "\"team\",")))
                .hasMessage("invalid token declaration: \"owner\" must be \"account\" or \"user\", not \"team\"");
        assertThatThrownBy(() -> TokenDeclaration.fromJson(FULL.toJson().replace("\"deny\"", "\"block\"")))
                .hasMessageContaining("\"allow\" or \"deny\", not \"block\"");
        assertThatThrownBy(() -> TokenDeclaration.fromJson(FULL.toJson().replace("2030-12-31T23:59:59Z", "2030-12-31")))
                .hasMessageContaining("\"expiresOn\" must be an RFC 3339 UTC time")
                .hasMessageContaining("\"2030-12-31\"");
        assertThatThrownBy(() -> TokenDeclaration.fromJson("{\"id\": \"a\", \"name\": \"a\", \"owner\": \"user\"}"))
                .hasMessage("invalid token declaration: \"policies\" must be an array");
        assertThatThrownBy(() -> TokenDeclaration.fromJson(
                        "{\"id\": 1, \"name\": \"a\", \"owner\": \"user\", \"policies\": []}"))
                .hasMessage("invalid token declaration: \"id\" must be a string");
    }

    private static final TokenDeclaration ROTATING = new TokenDeclaration(
            "rotating",
            "Rotating",
            TokenOwner.ACCOUNT,
            FULL.policies(),
            RequestIpCondition.NONE,
            null,
            null,
            FULL.inputs(),
            Optional.of(RotationPolicy.parse("P30D", "PT36H")));

    @Test
    void rotationIsWrittenLastAsDeclaredAndReadBack() {
        String json = ROTATING.toJson();

        assertThat(json).endsWith(",\n  \"rotation\": {\"every\": \"P30D\", \"overlap\": \"PT36H\"}\n}\n");
        TokenDeclaration read = TokenDeclaration.fromJson(json);
        assertThat(read).isEqualTo(ROTATING);
        assertThat(read.rotation()).contains(new RotationPolicy(Duration.ofDays(30), Duration.ofHours(36)));
    }

    @Test
    void aDeclarationWithoutRotationReadsAsBeforeRotationExisted() {
        assertThat(FULL.toJson()).doesNotContain("rotation");
        assertThat(TokenDeclaration.fromJson(FULL.toJson()).rotation()).isEmpty();
    }

    @Test
    void aBadRotationIsNamed() {
        String json = ROTATING.toJson();
        assertThatThrownBy(() -> TokenDeclaration.fromJson(json.replace("\"PT36H\"", "\"P30D\"")))
                .hasMessageStartingWith("invalid token declaration: rotation overlap \"P30D\" is not shorter than");
        assertThatThrownBy(() -> TokenDeclaration.fromJson(json.replace("\"P30D\"", "\"monthly\"")))
                .hasMessageStartingWith("invalid token declaration: rotation every \"monthly\" is not an ISO-8601");
        assertThatThrownBy(() -> TokenDeclaration.fromJson(json.replace(", \"overlap\": \"PT36H\"", "")))
                .hasMessage("invalid token declaration: \"overlap\" must be a string");
        assertThatThrownBy(
                        () -> TokenDeclaration.fromJson(json.replace("{\"every\"", "{\"jitter\": \"PT1M\", \"every\"")))
                .hasMessageContaining("rotation has the field \"jitter\"");
    }
}
