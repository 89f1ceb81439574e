package com.acme;

import dev.cftokens.annotations.ApiToken;
import dev.cftokens.annotations.Policy;
import dev.cftokens.annotations.Rotation;

@ApiToken(name = "Build Readonly Token")
@Policy(permissionGroups = {"Zone Read", "Analytics Read"}, resources = "com.cloudflare.api.account.zone.*")
@Rotation(every = "P30D", overlap = "P2D")
public interface ReadonlyToken {}
