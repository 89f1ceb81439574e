package dev.cftokens.spring.app;

import dev.cftokens.runtime.ProvisionedToken;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

@SpringBootApplication
public class TestApplication {
    /** A bean that needs a token in its constructor, as an application's client of some API would. */
    @Component
    public static class DnsClient {
        private final ProvisionedToken<ZoneToken> token;
        private final String tokenIdAtConstruction;

        public DnsClient(ProvisionedToken<ZoneToken> token) {
            this.token = token;
            this.tokenIdAtConstruction = token.id();
        }

        public ProvisionedToken<ZoneToken> token() {
            return token;
        }

        public String tokenIdAtConstruction() {
            return tokenIdAtConstruction;
        }
    }
}
