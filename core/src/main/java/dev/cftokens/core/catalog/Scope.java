package dev.cftokens.core.catalog;

import java.util.Optional;

/** The kinds of resource a permission group can apply to, as Cloudflare names them in {@code scopes}. */
public enum Scope {
    /** An account, {@code com.cloudflare.api.account.<account id>}. */
    ACCOUNT("com.cloudflare.api.account"),
    /** A zone, {@code com.cloudflare.api.account.zone.<zone id>}. */
    ZONE("com.cloudflare.api.account.zone"),
    /** The user, {@code com.cloudflare.api.user.<user id>}. */
    USER("com.cloudflare.api.user"),
    /** An R2 bucket, {@code com.cloudflare.edge.r2.bucket.<account id>_default_<bucket name>}. */
    R2_BUCKET("com.cloudflare.edge.r2.bucket");

    private final String key;

    Scope(String key) {
        this.key = key;
    }

    /** {@return the scope as Cloudflare writes it, such as {@code com.cloudflare.api.account.zone}} */
    public String key() {
        return key;
    }

    /**
     * {@return the scope Cloudflare writes as {@code key}, or empty for one this version does not know}
     *
     * @param key the scope as Cloudflare writes it
     */
    public static Optional<Scope> fromKey(String key) {
        for (Scope scope : values()) {
            if (scope.key.equals(key)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    /** {@return a short word for messages: {@code account}, {@code zone}, {@code user}, {@code R2 bucket}} */
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
