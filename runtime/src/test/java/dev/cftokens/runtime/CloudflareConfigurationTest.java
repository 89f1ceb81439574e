package dev.cftokens.runtime;

import static dev.cftokens.runtime.MockCloudflare.ACCOUNT;
import static dev.cftokens.runtime.MockCloudflare.API_TOKEN;
import static dev.cftokens.runtime.MockCloudflare.ok;
import static dev.cftokens.runtime.MockCloudflare.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakScan.class)
class CloudflareConfigurationTest {
    private final MockWebServer server = MockCloudflare.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void environmentWithApiTokenSendsBearerAndUserAgent() {
        Cloudflare cloudflare = Cloudflare.fromEnvironment(Map.of(
                "CLOUDFLARE_API_TOKEN", API_TOKEN,
                "CLOUDFLARE_ACCOUNT_ID", ACCOUNT,
                "CLOUDFLARE_BASE_URL", MockCloudflare.baseUrl(server)));
        server.enqueue(ok("[]"));

        assertThat(cloudflare.accountId()).isEqualTo(ACCOUNT);
        assertThat(cloudflare.accountTokens().list().count()).isZero();

        RecordedRequest request = take(server);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_TOKEN);
        assertThat(request.getHeaders().get("X-Auth-Key")).isNull();
        assertThat(request.getHeaders().get("User-Agent")).matches("cftokens/\\S+");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/client/v4/accounts/" + ACCOUNT + "/tokens");
        assertThat(request.getUrl().queryParameter("per_page")).isEqualTo("50");
        assertThat(request.getUrl().queryParameter("page")).isEqualTo("1");
    }

    @Test
    void environmentWithGlobalKeySendsKeyAndEmailHeaders() {
        Cloudflare cloudflare = Cloudflare.fromEnvironment(Map.of(
                "CLOUDFLARE_API_KEY",
                "0123456789abcdef0123456789abcdef01234",
                "CLOUDFLARE_EMAIL",
                "ops@example.com",
                "CLOUDFLARE_ACCOUNT_ID",
                ACCOUNT,
                "CLOUDFLARE_BASE_URL",
                MockCloudflare.baseUrl(server) + "/"));
        server.enqueue(ok("[]"));

        cloudflare.userTokens().list().count();

        RecordedRequest request = take(server);
        assertThat(request.getHeaders().get("X-Auth-Email")).isEqualTo("ops@example.com");
        assertThat(request.getHeaders().get("X-Auth-Key")).isEqualTo("0123456789abcdef0123456789abcdef01234");
        assertThat(request.getHeaders().get("Authorization")).isNull();
        // The trailing slash of the base URL does not double.
        assertThat(request.getUrl().encodedPath()).isEqualTo("/client/v4/user/tokens");
    }

    @Test
    void defaultBaseUrlIsThePublicApi() {
        Cloudflare cloudflare = Cloudflare.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", API_TOKEN));
        assertThat(cloudflare.baseUrl()).isEqualTo("https://api.cloudflare.com/client/v4");
    }

    @Test
    void noCredentialsNamesTheVariablesToSet() {
        assertThatThrownBy(() -> Cloudflare.fromEnvironment(Map.of("CLOUDFLARE_BASE_URL", "https://example.com")))
                .isInstanceOf(CloudflareConfigurationException.class)
                .hasMessageContaining("CLOUDFLARE_API_TOKEN")
                .hasMessageContaining("CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL")
                .hasMessageContaining("sets CLOUDFLARE_ACCOUNT_ID instead, with CFTOKENS_STATE and CFTOKENS_KEY");
    }

    @Test
    void onlyAnAccountIdMakesAClientWithoutCredentialsForAServiceServedFromTheState() {
        Cloudflare consumer = Cloudflare.fromEnvironment(Map.of("CLOUDFLARE_ACCOUNT_ID", ACCOUNT));
        assertThat(consumer.hasCredentials()).isFalse();
        assertThat(consumer.accountId()).isEqualTo(ACCOUNT);
        assertThat(Cloudflare.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", API_TOKEN))
                        .hasCredentials())
                .isTrue();
    }

    @Test
    void emptyVariablesCountAsUnset() {
        assertThatThrownBy(() -> Cloudflare.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", "  ")))
                .isInstanceOf(CloudflareConfigurationException.class)
                .hasMessageContaining("no Cloudflare credentials");
    }

    @Test
    void tokenAndKeyTogetherAreContradictory() {
        assertThatThrownBy(() -> Cloudflare.fromEnvironment(Map.of(
                        "CLOUDFLARE_API_TOKEN", API_TOKEN,
                        "CLOUDFLARE_API_KEY", "key-value-123",
                        "CLOUDFLARE_EMAIL", "ops@example.com")))
                .isInstanceOf(CloudflareConfigurationException.class)
                .hasMessageContaining("CLOUDFLARE_API_TOKEN")
                .hasMessageContaining("CLOUDFLARE_API_KEY")
                .hasMessageContaining("only one")
                .hasMessageNotContaining(API_TOKEN)
                .hasMessageNotContaining("key-value-123");
    }

    @Test
    void keyWithoutEmailNamesCloudflareEmail() {
        assertThatThrownBy(() -> Cloudflare.builder().apiKey("key-value-123").build())
                .isInstanceOf(CloudflareConfigurationException.class)
                .hasMessageContaining("CLOUDFLARE_EMAIL")
                .hasMessageContaining("email(")
                .hasMessageNotContaining("key-value-123");
    }

    @Test
    void malformedBaseUrlAndAccountIdAreNamed() {
        assertThatThrownBy(() -> Cloudflare.builder()
                        .apiToken(API_TOKEN)
                        .baseUrl("api.cloudflare.com")
                        .build())
                .isInstanceOf(CloudflareConfigurationException.class)
                .hasMessageContaining("CLOUDFLARE_BASE_URL")
                .hasMessageContaining("\"api.cloudflare.com\"");
        assertThatThrownBy(() -> Cloudflare.builder()
                        .apiToken(API_TOKEN)
                        .accountId("my-account")
                        .build())
                .isInstanceOf(CloudflareConfigurationException.class)
                .hasMessageContaining("CLOUDFLARE_ACCOUNT_ID")
                .hasMessageContaining("10 characters long, of which 7 are not lower-case hexadecimal")
                .hasMessageNotContaining("my-account");
    }

    @Test
    void accountIdHoldingASwappedSecretIsDescribedNotQuoted() {
        assertThatThrownBy(() -> Cloudflare.fromEnvironment(
                        Map.of("CLOUDFLARE_API_TOKEN", API_TOKEN, "CLOUDFLARE_ACCOUNT_ID", API_TOKEN)))
                .isInstanceOf(CloudflareConfigurationException.class)
                .hasMessageContaining("CLOUDFLARE_ACCOUNT_ID", API_TOKEN.length() + " characters long")
                .hasMessageNotContaining(API_TOKEN);
        assertThat(Cloudflare.builder().accountId(API_TOKEN).toString()).doesNotContain(API_TOKEN);
    }

    @Test
    void plainHttpIsRefusedExceptToLoopback() {
        assertThatThrownBy(() -> Cloudflare.builder()
                        .apiToken(API_TOKEN)
                        .baseUrl("http://api.example.com/client/v4")
                        .build())
                .isInstanceOf(CloudflareConfigurationException.class)
                .hasMessageContaining("CLOUDFLARE_BASE_URL")
                .hasMessageContaining("unencrypted")
                .hasMessageNotContaining(API_TOKEN);
        assertThatThrownBy(() -> Cloudflare.builder()
                        .apiToken(API_TOKEN)
                        .baseUrl("http://10.0.0.1/client/v4")
                        .build())
                .isInstanceOf(CloudflareConfigurationException.class);
        assertThatThrownBy(() -> Cloudflare.builder()
                        .apiToken(API_TOKEN)
                        .baseUrl("http://127.example.com/client/v4")
                        .build())
                .isInstanceOf(CloudflareConfigurationException.class);
        for (String local :
                new String[] {"http://127.0.0.1:8787", "http://127.3.4.5", "http://[::1]:8787", "http://localhost"}) {
            assertThat(Cloudflare.builder()
                            .apiToken(API_TOKEN)
                            .baseUrl(local + "/client/v4")
                            .build()
                            .baseUrl())
                    .isEqualTo(local + "/client/v4");
        }
    }

    @Test
    void userInfoOfTheBaseUrlIsNeverShown() {
        Cloudflare cloudflare = Cloudflare.builder()
                .apiToken(API_TOKEN)
                .accountId(ACCOUNT)
                .baseUrl("https://proxyuser:hunter2pass@api.example.com/client/v4")
                .build();
        assertThat(cloudflare.baseUrl()).isEqualTo("https://api.example.com/client/v4");
        assertThat(cloudflare.toString()).doesNotContain("hunter2pass").doesNotContain("proxyuser");
        assertThat(Cloudflare.builder()
                        .baseUrl("https://u:hunter2pass@api.example.com")
                        .toString())
                .doesNotContain("hunter2pass");
        assertThatThrownBy(() -> Cloudflare.builder()
                        .apiToken(API_TOKEN)
                        .baseUrl("https://u:hunter2pass@x.com/v4?q=1")
                        .build())
                .isInstanceOf(CloudflareConfigurationException.class)
                .hasMessageNotContaining("hunter2pass");
    }

    @Test
    void userAgentNamesTheApplicationAndCftokens() {
        Cloudflare cloudflare = MockCloudflare.client(server, new FakeTime())
                .userAgent("billing/2.1")
                .build();
        server.enqueue(ok("[]"));
        cloudflare.accountTokens().list().count();
        assertThat(take(server).getHeaders().get("User-Agent")).matches("billing/2\\.1 cftokens/\\S+");
    }

    @Test
    void callerOkHttpClientIsCopiedNotChanged() {
        OkHttpClient theirs =
                new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(7)).build();
        Cloudflare cloudflare = MockCloudflare.client(server, new FakeTime())
                .okHttpClient(theirs)
                .readTimeout(Duration.ofSeconds(3))
                .build();
        server.enqueue(ok("[]"));

        cloudflare.accountTokens().list().count();

        assertThat(take(server).getHeaders().get("Authorization")).startsWith("Bearer ");
        assertThat(theirs.readTimeoutMillis()).isEqualTo(7000);
        assertThat(theirs.followRedirects()).isTrue();
        assertThat(theirs.interceptors()).isEmpty();
    }

    @Test
    void toStringShowsNoCredentials() {
        Cloudflare cloudflare = MockCloudflare.client(server, new FakeTime()).build();
        assertThat(cloudflare.toString()).contains(ACCOUNT).doesNotContain(API_TOKEN);
        assertThat(cloudflare.accountTokens().toString()).doesNotContain(API_TOKEN);
    }

    @Test
    void emailWithoutKeyIsIgnoredNextToAnApiToken() {
        // Other tools read CLOUDFLARE_EMAIL; it is harmless beside a token and sends nothing.
        Cloudflare cloudflare = Cloudflare.fromEnvironment(Map.of(
                "CLOUDFLARE_API_TOKEN",
                API_TOKEN,
                "CLOUDFLARE_EMAIL",
                "ops@example.com",
                "CLOUDFLARE_ACCOUNT_ID",
                ACCOUNT,
                "CLOUDFLARE_BASE_URL",
                MockCloudflare.baseUrl(server)));
        server.enqueue(ok("[]"));
        cloudflare.accountTokens().list().count();
        RecordedRequest request = take(server);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_TOKEN);
        assertThat(request.getHeaders().get("X-Auth-Email")).isNull();
    }

    @Test
    void destroyingTheCallersSecretDoesNotBreakTheClient() {
        Secret token = Secret.of(API_TOKEN);
        Cloudflare cloudflare = Cloudflare.builder()
                .baseUrl(MockCloudflare.baseUrl(server))
                .apiToken(token)
                .accountId(ACCOUNT)
                .build();
        token.destroy();
        server.enqueue(ok("[]"));
        cloudflare.accountTokens().list().count();
        assertThat(take(server).getHeaders().get("Authorization")).isEqualTo("Bearer " + API_TOKEN);
    }

    @Test
    void settingsAreValidatedWithTheValueAndWhatIsRight() {
        assertThatThrownBy(() -> Cloudflare.builder().readTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readTimeout")
                .hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> Cloudflare.builder().userAgent("bad\nagent")).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> Cloudflare.builder().apiToken(""))
                .isInstanceOf(CloudflareConfigurationException.class)
                .hasMessageContaining("CLOUDFLARE_API_TOKEN");
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessageContaining("maxAttempts must be at least 1, not 0");
        assertThatThrownBy(
                        () -> new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff (PT1S) must not be shorter than initialBackoff (PT2S)");
        assertThatThrownBy(() -> RateLimit.of(0, Duration.ofSeconds(1))).hasMessageContaining("not 0");
        assertThatThrownBy(() -> RateLimit.of(5, Duration.ZERO)).hasMessageContaining("positive");
        assertThat(RateLimit.cloudflareDefault().windows())
                .containsExactly(
                        new RateLimit.Window(1200, Duration.ofMinutes(5)),
                        new RateLimit.Window(200, Duration.ofSeconds(1)));
        assertThat(RateLimit.unlimited().isUnlimited()).isTrue();
    }

    @Test
    void invisibleCharacterInCredentialsIsNamedByPositionNeverByValue() {
        // A zero-width space pasted with the token: OkHttp would throw on every request, quoting the header.
        String pasted = API_TOKEN + "\u200b";
        assertThatThrownBy(() -> Cloudflare.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", pasted)))
                .isInstanceOf(CloudflareConfigurationException.class)
                .hasMessageContaining("CLOUDFLARE_API_TOKEN")
                .hasMessageContaining("character " + (API_TOKEN.length() + 1) + " is U+200B, not printable ASCII")
                .hasMessageContaining("re-copy")
                .hasMessageNotContaining(API_TOKEN.substring(0, 12));
        String key = "0123456789abcdef0123456789abcdef01234";
        assertThatThrownBy(() -> Cloudflare.builder()
                        .apiKey(key.substring(0, 5) + "\u00e9" + key.substring(5))
                        .email("ops@example.com")
                        .build())
                .isInstanceOf(CloudflareConfigurationException.class)
                .hasMessageContaining("CLOUDFLARE_API_KEY (builder().apiKey)")
                .hasMessageContaining("character 6 is U+00E9")
                .hasMessageNotContaining(key.substring(5, 20));
        assertThatThrownBy(() -> Cloudflare.builder()
                        .apiKey(key)
                        .email("ops @example.com")
                        .build())
                .isInstanceOf(CloudflareConfigurationException.class)
                .hasMessageContaining("CLOUDFLARE_EMAIL")
                .hasMessageContaining("character 4 is a space")
                .hasMessageNotContaining("ops @example.com");
        assertThatThrownBy(() ->
                        Cloudflare.builder().apiToken(Secret.of("abc\tdef")).build())
                .isInstanceOf(CloudflareConfigurationException.class)
                .hasMessageContaining("character 4 is U+0009");
    }
}
