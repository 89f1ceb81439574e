package dev.cftokens.runtime;

import static dev.cftokens.runtime.MockCloudflare.error;
import static dev.cftokens.runtime.MockCloudflare.ok;
import static dev.cftokens.runtime.MockCloudflare.take;
import static org.assertj.core.api.Assertions.assertThat;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakScan.class)
class AccountDiscoveryTest {
    private static final String ONE = "11111111111111111111111111111111";
    private static final String TWO = "22222222222222222222222222222222";

    private final MockWebServer server = MockCloudflare.start();
    private final Cloudflare cloudflare = Cloudflare.builder()
            .baseUrl(MockCloudflare.baseUrl(server))
            .apiToken(MockCloudflare.API_TOKEN)
            .rateLimit(RateLimit.unlimited())
            .timeSource(new FakeTime())
            .build();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theOnlyAccountIsUsedAndAskedForOnce() {
        server.enqueue(ok("[{\"id\":\"" + ONE + "\",\"name\":\"Acme\"}]"));
        server.enqueue(ok("[]"));

        assertThat(cloudflare.accountId()).isEqualTo(ONE);
        assertThat(cloudflare.accountId()).isEqualTo(ONE);
        cloudflare.accountTokens().list().count();

        assertThat(take(server).getUrl().encodedPath()).isEqualTo("/client/v4/accounts");
        assertThat(take(server).getUrl().encodedPath()).isEqualTo("/client/v4/accounts/" + ONE + "/tokens");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void severalAccountsAreListedWithHowToChoose() {
        server.enqueue(
                ok("[{\"id\":\"" + ONE + "\",\"name\":\"Acme\"},{\"id\":\"" + TWO + "\",\"name\":\"Acme Staging\"}]"));
        CloudflareConfigurationException e =
                LeakScan.caught(CloudflareConfigurationException.class, cloudflare::accountId);
        assertThat(e.getMessage())
                .contains(ONE + " (Acme)", TWO + " (Acme Staging)", "CLOUDFLARE_ACCOUNT_ID", "builder().accountId");
    }

    @Test
    void noAccountSaysSo() {
        server.enqueue(ok("[]"));
        CloudflareConfigurationException e = LeakScan.caught(
                CloudflareConfigurationException.class,
                () -> cloudflare.accountTokens().get("abc"));
        assertThat(e.getMessage()).contains("see no account", "CLOUDFLARE_ACCOUNT_ID");
    }

    @Test
    void accountOwnedTokenIsToldToSetTheAccountId() {
        server.enqueue(error(400, 1001, "Account owned tokens are not supported on this endpoint"));
        CloudflareConfigurationException e =
                LeakScan.caught(CloudflareConfigurationException.class, cloudflare::accountId);
        assertThat(e.getMessage()).contains("account-owned", "set CLOUDFLARE_ACCOUNT_ID");
        assertThat(e.getCause()).isInstanceOf(CloudflareApiException.class);
    }

    @Test
    void userTokensNeedNoAccount() {
        server.enqueue(ok("[]"));
        cloudflare.userTokens().list().count();
        assertThat(take(server).getUrl().encodedPath()).isEqualTo("/client/v4/user/tokens");
    }

    @Test
    void listingDiscoversTheAccountOnlyWhenTheFirstTokenIsWanted() {
        java.util.stream.Stream<Token> tokens = cloudflare.accountTokens().list();
        assertThat(server.getRequestCount()).isZero();
        server.enqueue(ok("[{\"id\":\"" + ONE + "\",\"name\":\"Acme\"}]"));
        server.enqueue(ok("[]"));
        assertThat(tokens.count()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
