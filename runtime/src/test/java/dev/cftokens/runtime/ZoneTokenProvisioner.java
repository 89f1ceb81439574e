package dev.cftokens.runtime;

/** Written by hand in the shape the processor generates, for a declaration with one input. */
public final class ZoneTokenProvisioner extends AbstractTokenProvisioner<ZoneTokenProvisioner.ZoneToken> {
    /** The declaring interface. */
    public interface ZoneToken {
        String zoneId();
    }

    private ZoneTokenProvisioner(String... inputValues) {
        super(ZoneToken.class, """
        {
          "id": "zone-token",
          "name": "Zone Token",
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
          "inputs": ["zoneId"]
        }
        """, inputValues);
    }

    public static ZoneTokenProvisioner create(String zoneId) {
        return new ZoneTokenProvisioner(zoneId);
    }

    /** A declaration without inputs, nested as the processor names {@code Outer_InnerProvisioner}. */
    public static final class AccountToken extends AbstractTokenProvisioner<AccountToken> {
        private AccountToken() {
            super(AccountToken.class, """
            {
              "id": "account-token",
              "name": "Account Token",
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
            """);
        }

        public static AccountToken create() {
            return new AccountToken();
        }
    }
}
