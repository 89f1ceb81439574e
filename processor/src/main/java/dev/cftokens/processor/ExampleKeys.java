package dev.cftokens.processor;

import dev.cftokens.core.catalog.Scope;

/** A resource key of each scope, for messages that tell the user what to add. */
final class ExampleKeys {
    private ExampleKeys() {}

    static String of(Scope scope) {
        switch (scope) {
            case ACCOUNT:
                return "com.cloudflare.api.account";
            case ZONE:
                return "com.cloudflare.api.account.zone.*";
            case USER:
                return "com.cloudflare.api.user.{userTag}";
            case R2_BUCKET:
                return "com.cloudflare.edge.r2.bucket.{account}_default_{bucket}";
            default:
                throw new AssertionError(scope);
        }
    }
}
