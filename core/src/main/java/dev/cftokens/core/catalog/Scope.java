package dev.cftokens.core.catalog;

import java.util.Optional;

/** The kinds of resource a permission group can apply to, as Cloudflare names them in {@code scopes}. */
public enum Scope {
    ACCOUNT("com.cloudflare.api.account"),
    ZONE("com.cloudflare.api.account.zone"),
    USER("com.cloudflare.api.user"),
    R2_BUCKET("com.cloudflare.edge.r2.bucket");

    private final String key;

    Scope(String key) {
        this.key = key;
    }

    /** The scope as Cloudflare writes it, such as {@code com.cloudflare.api.account.zone}. */
    public String key() {
        return key;
    }

    /** The scope Cloudflare writes as {@code key}, or empty for one this version does not know. */
    public static Optional<Scope> fromKey(String key) {
        for (Scope scope : values()) {
            if (scope.key.equals(key)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    /** A short word for messages: {@code account}, {@code zone}, {@code user}, {@code R2 bucket}. */
    public String displayName() {
        switch (this) {
            case ACCOUNT:
                return "account";
            case ZONE:
                return "zone";
            case USER:
                return "user";
            case R2_BUCKET:
                return "R2 bucket";
            default:
                throw new AssertionError(this);
        }
    }
}
