package dev.cftokens.maven;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.CloudflareApiException;
import dev.cftokens.runtime.TokenVerification;
import java.util.Locale;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks the configured credentials: which token they are, and that they may read the account's permission
 * groups (as the command line's {@code verify}, in short). Fails the build when Cloudflare refuses them.
 */
@Mojo(name = "verify", threadSafe = true, requiresProject = false)
public class VerifyMojo extends AbstractCftokensMojo {
    @Override
    void run() {
        Cloudflare cloudflare = cloudflare();
        String described = "accepted, but not an API token (a global API key?)";
        for (TokenOwner owner : TokenOwner.values()) {
            try {
                TokenVerification verification = cloudflare.tokens(owner).verify();
                described = owner.name().toLowerCase(Locale.ROOT) + "-owned API token " + verification.id() + ", "
                        + verification.status().wireName();
                break;
            } catch (CloudflareApiException e) {
                if (e.status() >= 500) {
                    throw e;
                }
                // Not a token of this owner: the other is tried, then the permission groups prove the rest.
            }
        }
        int groups = cloudflare.livePermissionGroups(TokenOwner.ACCOUNT).size();
        getLog().info("Credentials: " + described + "; account " + cloudflare.accountId() + ".");
        getLog().info("They may read the account's " + groups + " permission groups for account-owned tokens.");
    }
}
