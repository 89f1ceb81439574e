package dev.cftokens.annotations;

/** Who owns a token, which decides the API path it is provisioned under. */
public enum Owner {
    /** An account-owned token, under {@code /accounts/{account_id}/tokens}. */
    ACCOUNT,
    /** A user-owned token, under {@code /user/tokens}; only user-scoped permission groups apply. */
    USER
}
