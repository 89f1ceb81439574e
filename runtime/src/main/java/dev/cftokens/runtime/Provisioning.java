package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

/**
 * Provisions declared tokens through one {@link Cloudflare}: the engine behind every generated
 * provisioner's {@code provision(cloudflare)}.
 */
public final class Provisioning {
  private final Cloudflare cloudflare;

  private Provisioning(Cloudflare cloudflare) {
    this.cloudflare = requireNonNull(cloudflare, "cloudflare");
  }

  public static Provisioning with(Cloudflare cloudflare) {
    return new Provisioning(cloudflare);
  }

  /** Creates or updates one token so it matches its declaration. */
  public <T> ProvisionedToken<T> provision(TokenProvisioner<T> provisioner) {
    requireNonNull(provisioner, "provisioner");
    // The engine (issue "Provisioning engine") replaces this; until then nothing pretends to work.
    throw new UnsupportedOperationException("provisioning engine not built yet: " + cloudflare);
  }
}
