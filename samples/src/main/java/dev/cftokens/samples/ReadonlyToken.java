package dev.cftokens.samples;

import dev.cftokens.annotations.ApiToken;
import dev.cftokens.annotations.Policy;

/** Scenario 1: read-only access to every zone, the smallest useful declaration. */
@ApiToken(name = "Readonly Zone Token")
@Policy(
        permissionGroups = {"Zone Read", "Analytics Read"},
        resources = "com.cloudflare.api.account.zone.*")
public interface ReadonlyToken {}
