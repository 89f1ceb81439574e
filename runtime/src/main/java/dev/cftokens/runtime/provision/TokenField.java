package dev.cftokens.runtime.provision;

/** A field of a token in which a listed token can differ from its declaration, named as the API names it. */
public enum TokenField {
    /** The token's name. */
    NAME("name", null),
    /** The token's policies: permission groups, resources and effect. */
    POLICIES("policies", null),
    /** The token's request IP condition; removing it takes a new token. */
    CONDITION("condition", "request_ip removed: a token's IP condition cannot be removed in place"),
    /** The start of the token's validity; removing it takes a new token. */
    NOT_BEFORE("not_before", "not_before removed: a token's not_before cannot be removed in place"),
    /** The token's expiry; removing it takes a new token. */
    EXPIRES_ON("expires_on", "expires_on removed: a token's expires_on cannot be removed in place"),
    /** The token is disabled while its declaration wants it active. */
    STATUS("status", null);

    private final String wireName;
    private final String removal;

    TokenField(String wireName, String removal) {
        this.wireName = wireName;
        this.removal = removal;
    }

    /** {@return the field's name in Cloudflare's API, as plans print it} */
    public String wireName() {
        return wireName;
    }

    /**
     * Why dropping the field from a declaration takes a new token, or null when an update can drop it.
     * Cloudflare keeps what a PUT body leaves out, so these fields cannot be removed in place.
     *
     * @return the reason, printed in the plan line of the replace; null when an update can drop the field
     */
    public String removal() {
        return removal;
    }

    /** {@return true when only a replace can take the field away from a token} */
    public boolean removableOnlyByReplace() {
        return removal != null;
    }
}
