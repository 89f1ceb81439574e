package dev.cftokens.cli;

import dev.cftokens.runtime.AbstractTokenProvisioner;

/** Written by hand in the shape the processor generates, for a declaration with one input. */
public final class RestrictedTokenProvisioner
        extends AbstractTokenProvisioner<RestrictedTokenProvisioner.RestrictedToken> {
    /** The declaring interface. */
    public interface RestrictedToken {
        String zoneId();
    }

    private RestrictedTokenProvisioner(String... inputValues) {
        super(RestrictedToken.class, """
        {
          "id": "restricted-token",
          "name": "Restricted Access Token",
          "owner": "account",
          "policies": [
            {
              "effect": "allow",
              "permissionGroups": [
                {"id": "c8fed203ed3043cba015a93ad1616f1f", "name": "Zone Read"}
              ],
              "resources": ["com.cloudflare.api.account.zone.{zoneId}"]
            }
          ],
          "requestIp": {"in": ["192.168.1.0/24"], "notIn": ["192.168.1.100/32"]},
          "inputs": ["zoneId"]
        }
        """, inputValues);
    }

    public static RestrictedTokenProvisioner create(String zoneId) {
        return new RestrictedTokenProvisioner(zoneId);
    }
}
