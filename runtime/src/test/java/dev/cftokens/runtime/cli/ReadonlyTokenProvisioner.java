package dev.cftokens.runtime.cli;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.PermissionGroupRef;
import dev.cftokens.core.model.PolicyDeclaration;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.TokenDeclaration;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
import java.util.List;
import java.util.Map;

/** Written by hand in the shape the processor generates, for a declaration without inputs. */
public final class ReadonlyTokenProvisioner implements TokenProvisioner<ReadonlyTokenProvisioner.ReadonlyToken> {
  /** The declaring interface. */
  public interface ReadonlyToken {}

  private static final TokenDeclaration DECLARATION = new TokenDeclaration("readonly-token",
      "Readonly Zone Token", TokenOwner.ACCOUNT,
      List.of(new PolicyDeclaration(PolicyEffect.ALLOW,
          List.of(new PermissionGroupRef("c8fed203ed3043cba015a93ad1616f1f", "Zone Read")),
          List.of("com.cloudflare.api.account.zone.*"), "")),
      RequestIpCondition.NONE, null, null, List.of());

  private ReadonlyTokenProvisioner() {}

  public static ReadonlyTokenProvisioner create() {
    return new ReadonlyTokenProvisioner();
  }

  @Override
  public Class<ReadonlyToken> tokenType() {
    return ReadonlyToken.class;
  }

  @Override
  public TokenDeclaration declaration() {
    return DECLARATION;
  }

  @Override
  public Map<String, String> inputs() {
    return Map.of();
  }

  @Override
  public ProvisionedToken<ReadonlyToken> provision(Cloudflare cloudflare) {
    return Provisioning.with(requireNonNull(cloudflare, "cloudflare")).provision(this);
  }
}
