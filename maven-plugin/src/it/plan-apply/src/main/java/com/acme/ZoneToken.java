package com.acme;

import dev.cftokens.annotations.ApiToken;
import dev.cftokens.annotations.Policy;

@ApiToken(name = "Build Zone Token")
@Policy(permissionGroups = "DNS Write", resources = "com.cloudflare.api.account.zone.{zoneId}")
public interface ZoneToken {
    String zoneId();
}
