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
import java.util.Set;

/** Written by hand in the shape the processor generates, for a declaration with one input. */
public final class RestrictedTokenProvisioner
    implements TokenProvisioner<RestrictedTokenProvisioner.RestrictedToken> {
  /** The declaring interface. */
  public interface RestrictedToken {
    String zoneId();
  }

  private static final TokenDeclaration DECLARATION = new TokenDeclaration("restricted-token",
      "Restricted Access Token", TokenOwner.ACCOUNT,
      List.of(new PolicyDeclaration(PolicyEffect.ALLOW,
          List.of(new PermissionGroupRef("c8fed203ed3043cba015a93ad1616f1f", "Zone Read")),
          List.of("com.cloudflare.api.account.zone.{zoneId}"), "")),
      new RequestIpCondition(Set.of("192.168.1.0/24"), Set.of("192.168.1.100/32")), null, null,
      List.of("zoneId"));

  private final Map<String, String> inputs;

  private RestrictedTokenProvisioner(String zoneId) {
    this.inputs = Map.of("zoneId", zoneId);
  }

  public static RestrictedTokenProvisioner create(String zoneId) {
    return new RestrictedTokenProvisioner(requireNonNull(zoneId, "zoneId"));
  }

  @Override
  public Class<RestrictedToken> tokenType() {
    return RestrictedToken.class;
  }

  @Override
  public TokenDeclaration declaration() {
    return DECLARATION;
  }

  @Override
  public Map<String, String> inputs() {
    return inputs;
  }

  @Override
  public ProvisionedToken<RestrictedToken> provision(Cloudflare cloudflare) {
    return Provisioning.with(requireNonNull(cloudflare, "cloudflare")).provision(this);
  }
}
