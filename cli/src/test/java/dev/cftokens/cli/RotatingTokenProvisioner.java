package dev.cftokens.cli;

import dev.cftokens.runtime.AbstractTokenProvisioner;

/** Written by hand in the shape the processor generates, for a declaration with @Rotation(every = "P30D", overlap = "P2D"). */
public final class RotatingTokenProvisioner extends AbstractTokenProvisioner<RotatingTokenProvisioner.RotatingToken> {
    /** The declaring interface. */
    public interface RotatingToken {}

    private RotatingTokenProvisioner(String... inputValues) {
        super(RotatingToken.class, """
        {
          "id": "rotating-token",
          "name": "Rotating Zone Token",
          "owner": "account",
          "policies": [
            {
              "effect": "allow",
              "permissionGroups": [
                {"id": "c8fed203ed3043cba015a93ad1616f1f", "name": "Zone Read"}
              ],
              "resources": ["com.cloudflare.api.account.zone.*"]
            }
          ],
          "rotation": {"every": "P30D", "overlap": "P2D"}
        }
        """, inputValues);
    }

    public static RotatingTokenProvisioner create() {
        return new RotatingTokenProvisioner();
    }
}
