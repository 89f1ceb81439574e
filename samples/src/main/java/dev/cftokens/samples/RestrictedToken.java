package dev.cftokens.samples;

import dev.cftokens.annotations.ApiToken;
import dev.cftokens.annotations.Policy;
import dev.cftokens.annotations.RequestIp;

/**
 * Scenario 2: a token limited in time and by client address, for one zone given at provisioning
 * time through the {@link #zoneId()} input.
 */
@ApiToken(name = "Restricted Access Token", notBefore = "2026-01-01T00:00:00Z", expiresOn = "2030-12-31T23:59:59Z")
@Policy(permissionGroups = "Workers Routes Write", resources = "com.cloudflare.api.account.zone.{zoneId}")
@RequestIp(in = "192.168.1.0/24", notIn = "192.168.1.100/32")
public interface RestrictedToken {
    String zoneId();
}
