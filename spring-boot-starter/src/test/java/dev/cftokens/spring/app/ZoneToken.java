package dev.cftokens.spring.app;

import dev.cftokens.annotations.ApiToken;
import dev.cftokens.annotations.Policy;

@ApiToken(name = "Starter Zone Token", expiresOn = "2040-01-01T00:00:00Z")
@Policy(permissionGroups = "DNS Write", resources = "com.cloudflare.api.account.zone.{zoneId}")
public interface ZoneToken {
    String zoneId();
}
