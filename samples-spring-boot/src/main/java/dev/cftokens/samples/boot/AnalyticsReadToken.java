package dev.cftokens.samples.boot;

import dev.cftokens.annotations.ApiToken;
import dev.cftokens.annotations.Policy;

/** Lets the service read the analytics of every zone of the account. */
@ApiToken(name = "DNS Service: read analytics")
@Policy(permissionGroups = "Analytics Read", resources = "com.cloudflare.api.account.zone.*")
public interface AnalyticsReadToken {}
