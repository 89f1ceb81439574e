package com.acme;

import dev.cftokens.annotations.ApiToken;
import dev.cftokens.annotations.Policy;

@ApiToken(name = "Build Readonly Token")
@Policy(permissionGroups = {"Zone Read", "Analytics Read"}, resources = "com.cloudflare.api.account.zone.*")
public interface ReadonlyToken {}
