package dev.cftokens.runtime.provision;

/** A field of a token in which a listed token can differ from its declaration, named as the API names it. */
public enum TokenField {
    NAME("name", null),
    POLICIES("policies", null),
    CONDITION("condition", "request_ip removed: a token's IP condition cannot be removed in place"),
    NOT_BEFORE("not_before", "not_before removed: a token's not_before cannot be removed in place"),
    EXPIRES_ON("expires_on", "expires_on removed: a token's expires_on cannot be removed in place"),
    /** The token is disabled while its declaration wants it active. */
    STATUS("status", null);

    private final String wireName;
    private final String removal;

    TokenField(String wireName, String removal) {
        this.wireName = wireName;
        this.removal = removal;
    }

    /** The field's name in Cloudflare's API, as plans print it. */
    public String wireName() {
        return wireName;
    }

    /**
     * Why dropping the field from a declaration takes a new token, or null when an update can drop it.
     * Cloudflare keeps what a PUT body leaves out, so these fields cannot be removed in place.
     */
    public String removal() {
        return removal;
    }

    /** True when only a replace can take the field away from a token. */
    public boolean removableOnlyByReplace() {
        return removal != null;
    }
}
