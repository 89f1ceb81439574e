package dev.cftokens.samples.consume;

import dev.cftokens.annotations.ApiToken;
import dev.cftokens.annotations.PermissionGroups;
import dev.cftokens.annotations.Policy;
import dev.cftokens.annotations.Rotation;

/**
 * The token of {@link ConsumingService}: applied and rotated by CI, served to the service from the state.
 * {@code LeastPrivilegeDeploymentTest} edits the name in a copy of this file to make the declaration a
 * service starts with differ from the one applied.
 */
@ApiToken(name = "Consumed Service Token")
@Policy(permissionGroups = PermissionGroups.ZONE_READ, resources = "com.cloudflare.api.account.zone.*")
@Rotation(every = "P30D", overlap = "P2D")
public interface ServiceToken {}
