package dev.cftokens.samples.consume;

import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.CloudflareException;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Secret;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A service deployed without the minting credential, as the README's "Least-privilege deployment" has it:
 * started with {@code CLOUDFLARE_ACCOUNT_ID}, {@code CFTOKENS_STATE} and {@code CFTOKENS_KEY} only, it
 * provisions its token at startup the documented way and then uses it until stopped. Each use prints the
 * token's fingerprint (never its value) and what the value authenticates as, so that a test watching from
 * outside sees which generation the live handle holds and that it works. Ends when its standard input
 * does.
 */
public final class ConsumingService {
    private ConsumingService() {}

    public static void main(String[] args) throws InterruptedException {
        endWithStandardInput();
        Cloudflare cloudflare = Cloudflare.fromEnvironment();
        ProvisionedToken<ServiceToken> token = ServiceTokenProvisioner.create().provision(cloudflare);
        while (true) {
            // The value read once per use, as a client built from it would: the handle may move meanwhile.
            Secret value = token.value();
            System.out.println(inUse(value, verifiedAs(cloudflare, value)));
            Thread.sleep(200);
        }
    }

    /** Ends the process once its standard input ends: it never outlives the test that started it. */
    private static void endWithStandardInput() {
        Thread watcher = new Thread(
                () -> {
                    try {
                        while (System.in.read() != -1) {
                            // Nothing is read from it; only its end matters.
                        }
                    } catch (IOException e) {
                        // Ended as well.
                    }
                    System.exit(0);
                },
                "standard-input");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * {@return the line printed at each use of {@code value}}
     *
     * @param authenticatesAs the token id the value authenticates as, or why it does not
     */
    public static String inUse(Secret value, String authenticatesAs) {
        return "in use: " + fingerprint(value) + " authenticates as " + authenticatesAs;
    }

    /** {@return the token id {@code value} authenticates as, or why it does not} */
    private static String verifiedAs(Cloudflare cloudflare, Secret value) {
        try {
            return cloudflare.authenticatedAs(value).accountTokens().verify().id();
        } catch (CloudflareException e) {
            return "nothing (" + e.getMessage() + ")";
        }
    }

    /** {@return a short SHA-256 of {@code value}: tells generations apart, and gives away nothing of it} */
    private static String fingerprint(Secret value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.revealBytes());
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
