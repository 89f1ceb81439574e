package dev.cftokens.runtime;

import static dev.cftokens.runtime.MockCloudflare.ACCOUNT;
import static dev.cftokens.runtime.MockCloudflare.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.model.TokenSpec;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failure envelopes and bodies that are not envelopes at all. */
@ExtendWith(LeakScan.class)
class ApiErrorHandlingTest {
    private final MockWebServer server = MockCloudflare.start();
    private final Cloudflare cloudflare = MockCloudflare.client(server, new FakeTime())
            .retryPolicy(RetryPolicy.none())
            .build();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void failureEnvelopeCarriesEveryErrorChainAndCfRay() {
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .headers(Headers.of("cf-ray", "8a1b2c3d4e5f6789-AMS", "Content-Type", "application/json"))
                .body("{\"success\":false,\"errors\":[{\"code\":6003,\"message\":\"Invalid request headers\","
                        + "\"error_chain\":[{\"code\":6111,\"message\":\"Invalid format for Authorization header\"}]},"
                        + "{\"code\":1001,\"message\":\"second\"}],\"messages\":[],\"result\":null}")
                .build());

        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class, () -> cloudflare.accountTokens().get("abc123"));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.method()).isEqualTo("GET");
        assertThat(e.path()).isEqualTo("/accounts/" + ACCOUNT + "/tokens/abc123");
        assertThat(e.cfRay()).isEqualTo("8a1b2c3d4e5f6789-AMS");
        assertThat(e.errors()).extracting(ApiError::code).containsExactly(6003, 1001);
        assertThat(e.errors().get(0).errorChain()).extracting(ApiError::code).containsExactly(6111);
        assertThat(e.hasErrorCode(1001)).isTrue();
        assertThat(e.getMessage())
                .contains(
                        "GET /accounts/" + ACCOUNT + "/tokens/abc123",
                        "HTTP 400",
                        "[6003] Invalid request headers",
                        "[6111] Invalid format for Authorization header",
                        "[1001] second",
                        "cf-ray 8a1b2c3d4e5f6789-AMS")
                .doesNotContain(MockCloudflare.API_TOKEN);
    }

    @Test
    void pathInErrorsHasNoQueryString() {
        server.enqueue(MockCloudflare.error(403, 9109, "Unauthorized to access requested resource"));
        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class,
                () -> cloudflare.accountTokens().list(true).count());
        assertThat(e.path()).isEqualTo("/accounts/" + ACCOUNT + "/tokens");
        assertThat(e.getMessage()).doesNotContain("?").doesNotContain("per_page");
    }

    @Test
    void htmlBadGatewayPageGivesAShortExcerptNotAJacksonTrace() {
        String html =
                "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>" + "x".repeat(5000) + "</body></html>";
        server.enqueue(new MockResponse.Builder()
                .code(502)
                .headers(Headers.of("Content-Type", "text/html"))
                .body(html)
                .build());

        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class, () -> cloudflare.accountTokens().get("abc123"));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.errors()).isEmpty();
        assertThat(e.bodyExcerpt())
                .startsWith("<html> <head><title>502 Bad Gateway</title>")
                .hasSizeLessThan(220);
        assertThat(e.getMessage())
                .contains("HTTP 502", "not JSON", "502 Bad Gateway")
                .doesNotContain("com.fasterxml")
                .doesNotContain("Unexpected character");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void emptyBodyIsNamed() {
        server.enqueue(new MockResponse.Builder().code(200).body("").build());
        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class, () -> cloudflare.accountTokens().get("abc123"));
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.bodyExcerpt()).isEqualTo("(empty body)");
        assertThat(e.getMessage()).contains("(empty body)");
    }

    @Test
    void truncatedCreateAnswerNeverShowsTheTokenValue() {
        String value = "q9W8e7R6t5Y4u3I2o1P0aSdFgHjKlZxCvBnM1234567";
        server.enqueue(json(200, "{\"success\":true,\"errors\":[],\"result\":{\"id\":\"abc\",\"value\":\"" + value));
        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class, () -> cloudflare.accountTokens().get("abc"));
        assertThat(e.getMessage()).contains("not JSON").doesNotContain(value);
        assertThat(e.bodyExcerpt()).contains("\"id\":\"abc\"").doesNotContain(value);
    }

    @Test
    void jsonThatIsNotAnEnvelopeIsNamed() {
        server.enqueue(json(200, "{\"id\":\"abc\"}"));
        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class, () -> cloudflare.accountTokens().get("abc"));
        assertThat(e.getMessage()).contains("not Cloudflare's {\"success\": ...} envelope");
    }

    @Test
    void successFalseWithHttp200IsAFailure() {
        server.enqueue(
                json(200, "{\"success\":false,\"errors\":[{\"code\":1001,\"message\":\"bad\"}],\"result\":null}"));
        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class, () -> cloudflare.accountTokens().get("abc"));
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.errors()).extracting(ApiError::message).containsExactly("bad");
    }

    @Test
    void tokenOfTheWrongShapeIsReportedWithTheRequest() {
        server.enqueue(MockCloudflare.ok("{\"id\":\"abc\",\"name\":\"n\",\"status\":\"frozen\",\"policies\":[]}"));
        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class, () -> cloudflare.accountTokens().get("abc"));
        assertThat(e.getMessage())
                .contains("GET /accounts/" + ACCOUNT + "/tokens/abc", "unexpected response", "\"frozen\"");
    }

    @Test
    void invalidTokenIdIsRejectedBeforeAnyRequest() {
        IllegalArgumentException e = LeakScan.caught(
                IllegalArgumentException.class, () -> cloudflare.accountTokens().get("../accounts"));
        assertThat(e).hasMessageContaining("\"../accounts\"");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void createAnsweredWithAnUnreadableBodyIsOutcomeUnknown() {
        String value = "q9W8e7R6t5Y4u3I2o1P0aSdFgHjKlZxCvBnM1234567";
        TokenSpec spec = new TokenSpec("n", Set.of(), null, null, null);
        server.enqueue(json(200, "{\"success\":true,\"errors\":[],\"result\":{\"id\":\"abc\",\"value\":\"" + value));
        CloudflareOutcomeUnknownException truncated = LeakScan.caught(
                CloudflareOutcomeUnknownException.class,
                () -> cloudflare.accountTokens().create(spec));
        assertThat(truncated.getMessage()).contains("HTTP 200", "cannot read", "look up");
        assertThat(truncated.getCause()).isInstanceOf(CloudflareApiException.class);

        server.enqueue(MockCloudflare.ok("{\"id\":\"abc\",\"name\":\"n\",\"status\":\"active\",\"policies\":[]}"));
        CloudflareOutcomeUnknownException noValue = LeakScan.caught(
                CloudflareOutcomeUnknownException.class,
                () -> cloudflare.accountTokens().create(spec));
        assertThat(noValue.getCause()).hasMessageContaining("came without its \"value\"");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void explicitFailureWithHttp200IsNeverTakenForAGarbledSuccess() {
        server.enqueue(
                json(200, "{\"success\":false,\"errors\":[{\"code\":1001,\"message\":\"bad\"}],\"result\":null}"));
        CloudflareApiException e = LeakScan.caught(
                CloudflareApiException.class,
                () -> cloudflare.accountTokens().create(new TokenSpec("n", Set.of(), null, null, null)));
        assertThat(e.errors()).extracting(ApiError::code).containsExactly(1001);
    }

    @Test
    void unreadableAnswersOfRollAndCreateWithholdTheBody() {
        String value = "Zq0Wx9Ec8Rv7Tb6Yn5Um4Il3Ok2Pj1Hh0Gg9Ff8D";
        // A roll answered 200 with a body cut inside the value; the value starts where an excerpt would be cut.
        String padding =
                "{\"success\":true,\"errors\":[],\"messages\":[],\"note\":\"" + "n".repeat(120) + "\",\"result\":";
        server.enqueue(json(200, padding + "\"" + value.substring(0, 39)));
        CloudflareApiException rolled = LeakScan.caught(
                CloudflareApiException.class, () -> cloudflare.accountTokens().roll("abc"));
        assertThat(rolled.bodyExcerpt()).isEqualTo("the body is withheld because it may hold the token value");
        assertThat(rolled.getMessage()).contains("withheld").doesNotContain(value.substring(0, 10));

        server.enqueue(json(200, "<html>" + value.substring(0, 39)));
        CloudflareOutcomeUnknownException created = LeakScan.caught(
                CloudflareOutcomeUnknownException.class,
                () -> cloudflare.accountTokens().create(new TokenSpec("n", Set.of(), null, null, null)));
        assertThat(((CloudflareApiException) created.getCause()).bodyExcerpt()).contains("withheld");
        assertThat(created.getCause().getMessage()).doesNotContain(value.substring(0, 10));

        // Requests whose answer holds no secret still show an excerpt.
        server.enqueue(json(502, "<html>Bad gateway</html>"));
        CloudflareApiException listed = LeakScan.caught(
                CloudflareApiException.class, () -> cloudflare.accountTokens().get("abc"));
        assertThat(listed.bodyExcerpt()).isEqualTo("<html>Bad gateway</html>");
    }
}
