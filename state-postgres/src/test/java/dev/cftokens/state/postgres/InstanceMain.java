package dev.cftokens.state.postgres;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.provision.HandMadeProvisioner;

/**
 * One instance of a service, as a user writes it: its {@code main} provisions its token at startup with
 * everything from the environment ({@code CLOUDFLARE_*}, {@code CFTOKENS_STATE}, the key), then checks
 * that the value it holds authenticates. Prints {@code ready <token id> verified <id> provision_ms <n>
 * ready_at <epoch ms>}, or fails with exit code 1.
 */
public final class InstanceMain {
    static final String DECLARATION = "fleet-token";

    private InstanceMain() {}

    public static void main(String[] args) {
        try {
            Cloudflare cloudflare = Cloudflare.fromEnvironment();
            long started = System.nanoTime();
            ProvisionedToken<HandMadeProvisioner.TestToken> token =
                    Provisioning.with(cloudflare).provision(HandMadeProvisioner.zoneReader(DECLARATION));
            long provisionedMillis = (System.nanoTime() - started) / 1_000_000;
            long readyAt = System.currentTimeMillis();
            Cloudflare asToken = Cloudflare.builder()
                    .baseUrl(System.getenv("CLOUDFLARE_BASE_URL"))
                    .accountId(System.getenv("CLOUDFLARE_ACCOUNT_ID"))
                    .apiToken(token.value().reveal())
                    .build();
            String verified = asToken.tokens(TokenOwner.ACCOUNT).verify().id();
            System.out.println("ready " + token.id() + " verified " + verified + " provision_ms " + provisionedMillis
                    + " ready_at " + readyAt);
        } catch (RuntimeException e) {
            System.out.println("failed " + e.getMessage());
            System.exit(1);
        }
    }
}
