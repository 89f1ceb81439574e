package dev.cftokens.cli;

import dev.cftokens.runtime.AbstractTokenProvisioner;

/** Written by hand in the shape the processor generates, for a declaration without inputs. */
public final class ReadonlyTokenProvisioner extends AbstractTokenProvisioner<ReadonlyTokenProvisioner.ReadonlyToken> {
    /** The declaring interface. */
    public interface ReadonlyToken {}

    private ReadonlyTokenProvisioner(String... inputValues) {
        super(ReadonlyToken.class, """
        {
          "id": "readonly-token",
          "name": "Readonly Zone Token",
          "owner": "account",
          "policies": [
            {
              "effect": "allow",
              "permissionGroups": [
                {"id": "c8fed203ed3043cba015a93ad1616f1f", "name": "Zone Read"}
              ],
              "resources": ["com.cloudflare.api.account.zone.*"]
            }
          ]
        }
        """, inputValues);
    }

    public static ReadonlyTokenProvisioner create() {
        return new ReadonlyTokenProvisioner();
    }
}
