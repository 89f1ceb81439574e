package dev.cftokens.samples;

import dev.cftokens.annotations.ApiToken;
import dev.cftokens.annotations.PermissionGroups;
import dev.cftokens.annotations.Policy;

/** Scenario 3: object read/write on one R2 bucket of the provisioned account, used as S3 credentials. */
@ApiToken(name = "R2 Storage Token")
@Policy(
        permissionGroups = {
            PermissionGroups.WORKERS_R2_STORAGE_BUCKET_ITEM_READ,
            PermissionGroups.WORKERS_R2_STORAGE_BUCKET_ITEM_WRITE
        },
        resources = "com.cloudflare.edge.r2.bucket.{account}_default_{bucket}")
public interface R2StorageToken {
    String bucket();
}
