package dev.cftokens.samples.boot;

import dev.cftokens.annotations.ApiToken;
import dev.cftokens.annotations.Policy;

/** Lets the service edit the DNS records of the one zone it manages, given as the {@link #zoneId()} input. */
@ApiToken(name = "DNS Service: edit records")
@Policy(permissionGroups = "DNS Write", resources = "com.cloudflare.api.account.zone.{zoneId}")
public interface DnsEditToken {
    String zoneId();
}
