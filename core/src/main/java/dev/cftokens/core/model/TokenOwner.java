package dev.cftokens.core.model;

/** Who owns a token: the account ({@code /accounts/{id}/tokens}) or the user ({@code /user/tokens}). */
public enum TokenOwner {
    /** An account-owned token, under {@code /accounts/{id}/tokens}. */
    ACCOUNT,
    /** A user-owned token, under {@code /user/tokens}. */
    USER
}
